-- The day the partner is asked to answer a version by; versions shared before it was asked have none (docs/domain.md §9.16).
ALTER TABLE `proposal_versions` ADD `answer_by` text;