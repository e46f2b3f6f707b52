-- fixture_settings.sql: a user of its own for the settings tests, whose
-- writes cannot change the default language of the other tests' users.
INSERT INTO users (id, login, name, is_agent) VALUES
	('AA000000000000000000000000000004', 'settingsuser', 'Settings, Sam', false);
INSERT INTO rights (user_id, object_id, right_name) VALUES
	('AA000000000000000000000000000004', '11111111111111111111111111111111', 'STATISTICS_DETAILS');
