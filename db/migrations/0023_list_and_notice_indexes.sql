CREATE INDEX `approval_requests_status_idx` ON `approval_requests` (`status`);--> statement-breakpoint
CREATE INDEX `engagement_co_owners_user_idx` ON `engagement_co_owners` (`user_id`);