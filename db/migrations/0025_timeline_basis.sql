ALTER TABLE `timelines` ADD `basis_json` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
-- Every stored timeline's basis, from its own document.
UPDATE `timelines` SET `basis_json` = json_set(json_extract(`data_json`, '$.generatedFrom'), '$.spanFrom', json_extract(`data_json`, '$.span.from'));
