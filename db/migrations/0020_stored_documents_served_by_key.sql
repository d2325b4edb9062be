ALTER TABLE `proposal_documents` ADD `title` text;--> statement-breakpoint
CREATE INDEX `proposal_versions_ref_idx` ON `proposal_versions` (`engagement_id`,`number`,`shared_at`,`content_hash`);