ALTER TABLE `organisation_profile` ADD `offer_valid_days` integer DEFAULT 90 NOT NULL;--> statement-breakpoint
-- The demo profile's footer stated the validity itself; the documents now state it from offer_valid_days.
UPDATE `organisation_profile` SET `legal_footer` = replace(`legal_footer`, 'This proposal is confidential to its addressee and valid for 90 days from its date.', 'This proposal is confidential to its addressee.') WHERE `legal_footer` LIKE '%This proposal is confidential to its addressee and valid for 90 days from its date.%';
