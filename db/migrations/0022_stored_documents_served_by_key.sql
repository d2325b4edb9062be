ALTER TABLE `proposal_documents` ADD `title` text;--> statement-breakpoint
ALTER TABLE `proposal_documents` ADD `facts` text;--> statement-breakpoint
CREATE INDEX `approval_requests_version_idx` ON `approval_requests` (`proposal_version_id`);--> statement-breakpoint
CREATE INDEX `proposal_versions_ref_idx` ON `proposal_versions` (`engagement_id`,`number`,`shared_at`,`content_hash`);