ALTER TABLE `timelines` ADD `basis_json` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
-- A timeline's basis is what it was generated from (its generatedFrom) and the item its span starts
-- from (which tells the form of the method), kept beside it so that the stepper and the portfolio
-- judge whether it is stale without reading its items. The database keeps it from data_json itself,
-- on every insert and on every change of data_json, so no writer can leave it behind.
CREATE TRIGGER `timelines_basis_on_insert` AFTER INSERT ON `timelines` BEGIN
  UPDATE `timelines` SET `basis_json` = json_set(json_extract(NEW.`data_json`, '$.generatedFrom'), '$.spanFrom', json_extract(NEW.`data_json`, '$.span.from')) WHERE `engagement_id` = NEW.`engagement_id`;
END;--> statement-breakpoint
CREATE TRIGGER `timelines_basis_on_update` AFTER UPDATE OF `data_json` ON `timelines` BEGIN
  UPDATE `timelines` SET `basis_json` = json_set(json_extract(NEW.`data_json`, '$.generatedFrom'), '$.spanFrom', json_extract(NEW.`data_json`, '$.span.from')) WHERE `engagement_id` = NEW.`engagement_id`;
END;--> statement-breakpoint
-- The timelines stored before.
UPDATE `timelines` SET `basis_json` = json_set(json_extract(`data_json`, '$.generatedFrom'), '$.spanFrom', json_extract(`data_json`, '$.span.from'));
