INSERT INTO owners (id, name) VALUES (1, 'George Franklin');
INSERT INTO owners (id, name) VALUES (2, 'Betty Davis');
INSERT INTO owners (id, name) VALUES (3, 'Eduardo Rodriquez');
INSERT INTO owners (id, name) VALUES (4, 'Harold Davis');
INSERT INTO owners (id, name) VALUES (5, 'Peter McTavish');
