-- Who shared each version already shared, from the audit trail (written in the same transaction as the share).
UPDATE `proposal_versions` SET `shared_by_id` = (SELECT `a`.`user_id` FROM `audit_log` `a` WHERE `a`.`proposal_version_id` = `proposal_versions`.`id` AND `a`.`action` = 'proposal.share' ORDER BY `a`.`id` LIMIT 1) WHERE `shared_at` IS NOT NULL AND `shared_by_id` IS NULL;
