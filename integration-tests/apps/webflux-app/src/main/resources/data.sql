INSERT INTO items (id, order_id, name) VALUES (1, 1, 'kettle');
INSERT INTO items (id, order_id, name) VALUES (2, 1, 'teapot');
INSERT INTO items (id, order_id, name) VALUES (3, 2, 'mug');
