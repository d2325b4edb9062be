-- A timeline's basis also keeps where the plan reaches (docs/domain.md §8.6): its first day, its last,
-- and the day after its deadline point (the item its span ends with; a milestone's own day), so the
-- stepper tells whether the plan keeps the partner's time without reading the plan's items. As before,
-- the database keeps it from data_json itself, on every insert and every change of data_json: the
-- basis is written in one place, the trigger on a change, which the trigger on an insert sets off.
DROP TRIGGER IF EXISTS `timelines_basis_on_insert`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `timelines_basis_on_update`;--> statement-breakpoint
CREATE TRIGGER `timelines_basis_on_update` AFTER UPDATE OF `data_json` ON `timelines` BEGIN
  UPDATE `timelines` SET `basis_json` = json_set(
    json_extract(NEW.`data_json`, '$.generatedFrom'),
    '$.spanFrom', json_extract(NEW.`data_json`, '$.span.from'),
    '$.reach', json_object(
      'start', (SELECT min(json_extract(i.value, '$.start')) FROM json_each(NEW.`data_json`, '$.items') AS i),
      'end', (SELECT max(json_extract(i.value, '$.end')) FROM json_each(NEW.`data_json`, '$.items') AS i),
      'deadlinePointFinish', (
        SELECT CASE WHEN json_extract(i.value, '$.kind') = 'milestone' THEN json_extract(i.value, '$.start') ELSE date(json_extract(i.value, '$.end'), '+1 day') END
        FROM json_each(NEW.`data_json`, '$.items') AS i
        WHERE json_extract(i.value, '$.id') = json_extract(NEW.`data_json`, '$.span.to')
      )
    )
  ) WHERE `engagement_id` = NEW.`engagement_id`;
END;--> statement-breakpoint
CREATE TRIGGER `timelines_basis_on_insert` AFTER INSERT ON `timelines` BEGIN
  UPDATE `timelines` SET `data_json` = `data_json` WHERE `engagement_id` = NEW.`engagement_id`;
END;--> statement-breakpoint
-- The timelines stored before: the trigger on a change writes each one's basis.
UPDATE `timelines` SET `data_json` = `data_json`;
