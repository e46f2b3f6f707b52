-- fixture_queue_groups.sql: queue groups and threshold levels.
-- G1 holds Q1 and Q4, G2 holds Q6, Q2, Q5 in that order, G3 only the hidden
-- Q7 (so agent1, who sees Q1 and Q2, never sees G3).
INSERT INTO queue_groups (id, name) VALUES
	('D0000000000000000000000000000001', 'Sales queues'),
	('D0000000000000000000000000000002', 'Chat queues'),
	('D0000000000000000000000000000003', 'Secret group');
INSERT INTO queue_group_queues (queue_group_id, queue_id, position) VALUES
	('D0000000000000000000000000000001', '44444444444444444444444444444444', 1),
	('D0000000000000000000000000000001', '11111111111111111111111111111111', 2),
	('D0000000000000000000000000000002', '66666666666666666666666666666666', 1),
	('D0000000000000000000000000000002', '22222222222222222222222222222222', 2),
	('D0000000000000000000000000000002', '55555555555555555555555555555555', 3),
	('D0000000000000000000000000000003', '77777777777777777777777777777777', 1);
INSERT INTO translations (object_id, language, name) VALUES
	('D0000000000000000000000000000001', 'FI', 'Myyntijonot'),
	('ALL_QUEUES', 'FI', 'Kaikki jonot');
-- Q1 has every level, Q2 only the service levels, the others none.
UPDATE queues SET free_agent_critical_level = 1, free_agent_warning_level = 2,
    interactions_critical_level = 10, interactions_warning_level = 5,
    max_wait_time_critical_level = 120000, max_wait_time_warning_level = 60000,
    serving_agent_critical_level = 1, serving_agent_warning_level = 3,
    service_level_critical_level = 20, service_level_warning_level = 50
WHERE id = '11111111111111111111111111111111';
UPDATE queues SET service_level_critical_level = 30,
    service_level_warning_level = 60
WHERE id = '22222222222222222222222222222222';
