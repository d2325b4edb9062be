-- The agreed version each partner user has seen the agreement of (docs/domain.md §9.11): their notice of
-- an agreement stands until they have. Agreements made before are not announced as new: every partner
-- executive counts as having seen the version each of their organisation's engagements had agreed by
-- both sides (accepted by the partner and approved by leadership) then, and only that one, so that a
-- version shared or awaiting approval meanwhile is announced when it is agreed.
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
SELECT u.`id`, e.`id`, agreed.`number`, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
FROM `users` u
JOIN `engagements` e ON e.`organisation_id` = u.`organisation_id`
JOIN (
  SELECT pv.`engagement_id` AS `engagement_id`, max(pv.`number`) AS `number` FROM `proposal_versions` pv
  WHERE EXISTS (SELECT 1 FROM `approval_requests` ar WHERE ar.`proposal_version_id` = pv.`id` AND ar.`status` IN ('approved', 'approved_with_conditions'))
    AND EXISTS (SELECT 1 FROM `partner_responses` pr WHERE pr.`proposal_version_id` = pv.`id` AND pr.`response` = 'accepted')
  GROUP BY pv.`engagement_id`
) agreed ON agreed.`engagement_id` = e.`id`
WHERE u.`role` = 'partner';