-- The agreed version each partner user has seen the agreement of (docs/domain.md §9.11): their notice of
-- an agreement stands until they have. Agreements made before are not announced as new: every partner
-- executive counts as having seen those of their organisation's engagements.
CREATE TABLE `partner_agreements_seen` (
	`user_id` integer NOT NULL,
	`engagement_id` integer NOT NULL,
	`number` integer NOT NULL,
	`at` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`engagement_id`) REFERENCES `engagements`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `partner_agreements_seen_unique` ON `partner_agreements_seen` (`user_id`,`engagement_id`);
--> statement-breakpoint
INSERT INTO `partner_agreements_seen` (`user_id`, `engagement_id`, `number`, `at`)
SELECT u.`id`, e.`id`, (SELECT max(pv.`number`) FROM `proposal_versions` pv WHERE pv.`engagement_id` = e.`id`), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
FROM `users` u JOIN `engagements` e ON e.`organisation_id` = u.`organisation_id`
WHERE u.`role` = 'partner' AND EXISTS (SELECT 1 FROM `proposal_versions` pv WHERE pv.`engagement_id` = e.`id`);
