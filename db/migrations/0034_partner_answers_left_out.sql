ALTER TABLE `partner_intake_sections` ADD `left_out_json` text;
-- The partner is told which of their answers the manager left out when taking a section into the intake
-- (docs/domain.md §9.10): each as its question in their words and their own answer, kept with the section
-- as it was decided. Sections taken in before keep none: nothing was recorded of what was left out.
