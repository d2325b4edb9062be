/**
 * The proposal's content, built from a frozen snapshot of the engagement: every section in order,
 * each block stamped with its audience (partner or internal). One function reads the snapshot for
 * the whole document so the sections agree with each other; it is long because the proposal is.
 */
import { populationStated } from "./partner-record";
import type { ChartSpec } from "./charts";
import { countryInSentence } from "./countries";
import { budgetRange, money } from "./money";
import { diagramTableRows, measureTableRows, populationInSentence, type DriverDiagram, type MeasureTableRow } from "./driver-diagram";
import { prioritiesNamed } from "./aim-parts";
import { outcomeTargetFor } from "./outcome-target";
import { lintDriverDiagram, lintPart, type LintFinding } from "./driver-diagram-lint";
import { driverDiagramToMermaid } from "./driver-diagram-mermaid";
import { ANSWER_LABELS } from "./intake-labels";
import { nameSaysKind, PARTNER_KIND_IN_SENTENCE, type PartnerKind } from "./partner-kinds";
import { capitalise, prioritiesWithEvidence, type GeographyScope } from "./intake";
import { COLLABORATIVE_MAX_TEAMS, METHOD_LABELS, type Method } from "./methods";
import { VARIANT_LABELS } from "./method-variants";
import { evidenceByPriority, MATURITY_LABELS } from "./method-recommendation";
import { partnerEdition, stampAudience } from "./proposal-audience";
import { feeChart, paymentChart, type ProposalChartKey } from "./proposal-charts";
import {
  OPTIONS_SECTION_KEY,
  REFERENCES_KEY,
  REFERENCES_TITLE,
  type Block,
  type ProposalContent,
  type ProposalSection,
  type VersionState,
  type WordedState,
} from "./proposal-content";
import { canonicalJson, staffingFigures, staffTotals, type EngagementSnapshot, type StaffingLine } from "./proposal-snapshot";
import { largestOption, optionTitle, type SnapshotOption } from "./proposal-options";
import {
  budgetToCompare,
  compareWithBudget,
  feeAboveBudgetForPartner,
  feeAgainstBudget,
  snapshotBelowCostWords,
  snapshotFee,
  snapshotRate,
  type SnapshotPrice,
} from "./pricing";
import { equivalentFigure, feeInTheirCurrency, feesWithEquivalent, feeWithEquivalent, type ExchangeRate } from "./exchange-rate";
import { formatCount, formatFigure, plural } from "./plural";
import {
  fill,
  matchingResults,
  PROPOSAL_SECTION_KEYS,
  type MethodWording,
  type ProposalSectionKey,
  type ProposalWording,
  type VariantWording,
} from "./proposal-templates";
import { citeResults, type CitedResult } from "./references";
import { ourName } from "./organisation-profile";
import { chosenFeasibilityBriefing, chosenPlanNote, variantNoun } from "./chosen-method-notes";
import { READINESS_STATUS_LABELS } from "./readiness";
import { applySectionEdit } from "./section-edits";
import { formatDate, formatMonth, monthOf, monthRange } from "./calendar";
import { ITEM_KIND_LABELS, spanMonths, timelineEnd, timelineStart, wholeMonths, type Timeline, type TimelineItem } from "./timeline";
import { ganttMarksSentence, timelineToMermaidGantt, type GanttMarks } from "./timeline-gantt";
import { overrunRisk } from "./timeline-constraints";
import { aimBaselineStated } from "./driver-diagram-start";
import { lowerFirst, ofName, possessive, sentenceStart } from "./text";
import { namedInFullOnce } from "./short-names";
import type { MissingItem } from "./missing-parts";

/**
 * The draft partnership proposal, section by section, from a frozen engagement snapshot and the
 * wording in docs-templates/. Pure: the same snapshot and wording always give the same content.
 * Whatever the engagement does not say yet becomes a visible "to be completed" marker, listed in
 * `missing` for the completeness check.
 */
export function buildProposal(s: EngagementSnapshot, given: ProposalWording, opts: { versionLabel: string }): ProposalContent {
  const wording = forOneSite(given, s);
  const missing: ProposalContent["missing"] = [];
  const common = wording.common;
  const method = s.method.chosen;
  const mw = method ? wording.methods[method] : null;
  // A form of the method with wording of its own (joining an open collaborative, a short tailored engagement) speaks in its words (docs/domain.md §2.5).
  const vw = variantWording(s, wording);
  const textOf = (key: string): string | undefined => vw?.text[key] ?? mw?.text?.[key] ?? common.text[key];
  const titleOf = (key: ProposalSectionKey) => common.sections[key].title;
  // Parts are worded as whereCompleted finds them (MissingItem); the driver diagram checker's findings come worded by the checker.
  const gap = (key: ProposalSectionKey, item: string): Block => {
    missing.push({ section: titleOf(key), item });
    return { type: "todo", text: item };
  };
  const todo = (key: ProposalSectionKey, item: MissingItem): Block => gap(key, item);
  const sentence = (key: ProposalSectionKey, textKey: string, values: Record<string, string | null | undefined>, whatIsMissing: MissingItem): Block => {
    const template = textOf(textKey);
    const filled = template ? fill(template, values) : null;
    return filled ? { type: "paragraph", text: filled } : todo(key, whatIsMissing);
  };

  const intake = s.intake;
  const scope = intake.context.geographyScope;
  const sponsorName = intake.capacity.sponsorName?.trim() || null;
  const priorities = prioritiesWithEvidence(intake);
  const timeline = s.timeline;
  const aim = aimStatement(s);
  const gaps = lintGaps(s);
  const teams = timeline?.generatedFrom.teams ?? intake.scale.expectedSites ?? null;
  // The partner's own counts in the intake, where it gave them, over the organisation's record (docs/domain.md §9.1).
  const partnerSites = intake.context.sites ?? s.partner.sites;
  const partnerPopulation = populationStated(s.partner.population, intake.context.population).figure;
  const faculty = s.staffing.find((l) => l.role === "faculty");
  const { fteMonths: totalFteMonths, facultyDays } = staffTotals(s.staffing);
  const feeAmount = snapshotFee(s);
  const options = s.options?.length ? s.options : null;
  // With options the fee depends on the one chosen (docs/domain.md §9.13): stated as the range, each option's in its own section.
  const fee = options ? optionFeeRange(options) : feeAmount && feeAmount.amount > 0 ? money(feeAmount.amount, feeAmount.currency) : null;
  // The fees offered, and the exchange rate the version froze for a budget in the partner's own currency (docs/domain.md §8.7).
  const offeredFees = options ? options.map((o) => o.price.fee).filter((f) => f > 0) : feeAmount && feeAmount.amount > 0 ? [feeAmount.amount] : [];
  const rate = snapshotRate(s);
  // The price charts show one scope's fee and schedule; with options each is set out in its own section.
  // One scope: its fee against the budget and its payments over time; with options, each option's fee against the budget (docs/domain.md §8.11).
  const budgetGap = options
    ? feeAboveBudgetForPartner(
        options.map((o) => ({ title: `Option ${o.key} (${o.name})`, fee: o.price.fee, currency: o.price.currency })),
        intake.budget,
        s.partner.name,
        rate
      )
    : feeAmount && feeAmount.amount > 0
    ? feeAboveBudgetForPartner([{ title: null, fee: feeAmount.amount, currency: feeAmount.currency }], intake.budget, s.partner.name, rate)
    : null;
  const everyOptionAbove = Boolean(
    options?.every((o) => compareWithBudget(o.price.fee, o.price.currency, budgetToCompare(intake.budget, rate)).verdict === "above")
  );
  const charts = options
    ? optionCharts(options, intake.budget, s.partner.name, rate)
    : fee && s.price
    ? priceCharts(s.price, intake.budget, s.partner.name, rate)
    : {};
  const values: Record<string, string | null | undefined> = {
    partner: s.partner.name,
    // Our organisation by its short name where a person would name it; "we" in versions made before the profile.
    us: ourName(s.proposer, "shortName"),
    Us: capitalise(ourName(s.proposer, "shortName")),
    // With its article, and an organisation, not a place: "an association or network of hospitals", "a regional health body".
    kind: PARTNER_KIND_IN_SENTENCE[s.partner.kind as PartnerKind] ?? `a ${s.partner.kind}`,
    country: s.partner.country ? countryInSentence(s.partner.country) : null,
    population: partnerPopulation == null ? null : formatCount(partnerPopulation),
    sites: plural(partnerSites, "site"),
    methodName: mw?.name ?? null,
    // How the workplan's table counts time, as its caption does ("Workplan by quarter").
    workplanPeriod: timeline ? (workplanByQuarter(timeline) ? "quarter by quarter" : "month by month") : null,
    recommendedName: wording.methods[s.method.recommended].name,
    reason: s.method.overrideReason,
    aim: aim ? lowerFirst(aim.replace(/\.$/, "")) : null,
    teams: teams ? formatCount(teams) : null,
    duration: timeline ? durationText(timeline) : null,
    // The same facts one to a placeholder, for sentences that each say one thing: "14 sites", "17 months", and the method's own span.
    // More taking part than the partner has sites (the context above counts its sites): they are teams.
    // A campaign our staff support some of the sites of involves them all: the sentence after it says how many we support (docs/domain.md §8.8).
    siteCount: teams ? siteCountOf(method === "campaign" && s.firstWave ? s.firstWave.of : teams, partnerSites) : null,
    // A first wave of fewer sites than the plan was made for (docs/domain.md §8.8): "11 of the 14 sites", and the "3 sites" left to a later wave.
    ...firstWaveValues(s.firstWave, partnerSites, method),
    // The other levers the plan takes (docs/domain.md §8.8), each said where the proposal describes what it changes, and all of them with the fee.
    facultyDaysPercent: s.levers?.facultyDaysPercent ? `${s.levers.facultyDaysPercent}%` : null,
    longerPhasing: s.levers?.longerPhasingMonths ? plural(s.levers.longerPhasingMonths, "month") : null,
    leversAssumed: leversAssumed(s.levers),
    months: timeline ? monthsText(wholeMonths(timeline)) : null,
    ...spanValues(timeline),
    // Counts carry their noun, so one reads in the singular: "1 FTE-month", "1 faculty day" (COUNTED_PLACEHOLDERS).
    fteMonths: s.staffing.length ? plural(totalFteMonths, "FTE-month") : null,
    // The option whose plan the version states, when it offers several (docs/domain.md §9.13).
    largestOption: options && options.length > 1 ? optionTitle(largestOption(options)!) : null,
    // Every role the resourcing table lists, as the fee covers it: "collaborative chair, faculty, … and data analyst".
    staffTime: s.staffing.length ? listText(s.staffing.map((l) => staffRoleName(l, mw).toLowerCase())) : null,
    facultyDays: faculty ? plural(facultyDays, "faculty day") : null,
    from: timeline ? formatMonth(monthOf(timelineStart(timeline))) : null,
    to: timeline ? formatMonth(monthOf(timelineEnd(timeline))) : null,
    start: timeline ? formatMonth(monthOf(timelineStart(timeline))) : intake.scale.desiredStart ? formatMonth(intake.scale.desiredStart) : null,
    fee,
    budget: budgetRange(intake.budget.budgetMin, intake.budget.budgetMax, intake.budget.currency),
    secured: intake.budget.budgetSecured ? ANSWER_LABELS.budgetSecured[intake.budget.budgetSecured].toLowerCase() : null,
    firstPhase: textOf("firstPhase") ?? "the planning phase",
    // The partner's own team or teams, for a form of the method that speaks of them.
    teamNoun: teams === 1 ? "team" : "teams",
    teamPossessive: teams === 1 ? "its" : "their",
    ...joiningValues(s, teams),
  };

  // The figures quoted from the results library and their numbered references (docs/domain.md §9.12).
  // A form of the method on one site or a few quotes what single hospitals or units achieved first, and
  // says that a figure for a whole country is what the method can do at that scale, not a promise.
  const matched = method
    ? matchingResults(
        wording.results,
        priorities.map((p) => p.priority.topic),
        method,
        { preferScale: vw?.resultsScale }
      )
    : [];
  const evidence = {
    ...citeResults(matched),
    lead:
      (vw?.resultsScale && matched.some((r) => r.references.length > 0 && r.scale !== vw.resultsScale) ? textOf("evidenceLeadAtScale") : undefined) ??
      textOf("evidenceLead") ??
      "Evidence:",
  };

  // The fee is an estimate, and our staff's time an offer, only while the version is a draft: once approved, and once agreed, each is stated as such (docs/domain.md §9.9).
  const stateWords = (keys: Partial<Record<VersionState, string>>, filledWith = values): Partial<Record<VersionState, string>> =>
    Object.fromEntries(
      Object.entries(keys).flatMap(([state, key]) => {
        const template = key ? textOf(key) : undefined;
        const filled = template ? fill(template, filledWith) : null;
        return filled ? [[state, filled]] : [];
      })
    );

  // The summary states the fee with its equivalent in the partner's currency, at the rate the Budget section names (docs/domain.md §8.7).
  const summaryValues =
    rate && offeredFees.length
      ? { ...values, fee: options ? feesWithEquivalent(offeredFees, rate, DEPENDING_ON_OPTION) : feeWithEquivalent(offeredFees[0]!, rate) }
      : values;

  // The method's lists, or its form's with the engagement's facts filled in; a list that needs a fact not known is to be completed.
  const listOf = (key: ProposalSectionKey, items: string[]): Block => {
    const filled = items.map((t) => fill(t, values));
    return filled.every((t): t is string => t !== null) ? { type: "bullets", items: filled } : todo(key, "The open collaborative the partner joins");
  };
  const own = vw ?? mw;

  const summaryOverrun = overrunRisk(s.timeCheck, s.partner.name);
  const sections: Record<ProposalSectionKey, Omit<ProposalSection, "key" | "title">> = {
    "executive-summary": {
      blocks: [
        ...withSentence(
          sentence("executive-summary", "summaryLead", values, "The aim, the method, the scale and the duration"),
          [textOf("summarySpan"), textOf("summaryLaterWave")],
          values
        ),
        // A plan that runs past the partner's time says so on the first page, as the risks do, with their agreement when they gave it (docs/domain.md §8.6).
        ...(summaryOverrun ? [{ type: "paragraph", text: summaryOverrun } as Block] : []),
        inStates(
          sentence("executive-summary", "summaryResourcing", values, "The resourcing, from the timeline"),
          stateWords({ approved: "summaryResourcingApproved", agreed: "summaryResourcingApproved" })
        ),
        // With options, the staff figures are the largest option's, as the plan the version states is (docs/domain.md §9.13).
        ...(values.largestOption ? [sentence("executive-summary", "summaryResourcingOptions", values, "The option the staff figures are for")] : []),
        ...(fee
          ? [
              inStates(
                sentence("executive-summary", "summaryFee", summaryValues, "The estimated fee"),
                stateWords({ approved: "summaryFeeApproved", agreed: options ? "summaryFeeOptionsAgreed" : "summaryFeeAgreed" }, summaryValues)
              ),
            ]
          : []),
        {
          type: "facts",
          rows: [
            ["Partner", s.partner.name],
            ["Method", (vw && fill(vw.methodFact, values)) || (method ? METHOD_LABELS[method] : "To be chosen")],
            ["Aim", aim ?? "To be completed"],
            [
              "Sites or teams",
              teams
                ? s.firstWave
                  ? `${formatCount(teams)} ${firstWaveFact(method, ourName(s.proposer, "shortName"))}, of ${formatCount(s.firstWave.of)}`
                  : formatCount(teams)
                : "To be completed",
            ],
            ["Timeline", timeline ? `${formatDate(timelineStart(timeline))} to ${formatDate(timelineEnd(timeline))}` : "To be completed"],
            ["Our staff", s.staffing.length ? plural(totalFteMonths, "FTE-month") : "To be completed"],
          ],
        },
      ],
    },
    context: {
      blocks: [
        // How far the work reaches, said as a sentence after the partner's profile rather than as the intake's answer ("A system").
        // A name that already says the kind ("… Health System") is not told it: the sentence starts with whom the partner serves.
        ...withSentence(
          sentence(
            "context",
            nameSaysKind(s.partner.name, s.partner.kind as PartnerKind) ? "contextLeadKindInName" : "contextLead",
            values,
            "The partner's profile"
          ),
          [scope ? textOf(SCOPE_TEXT[scope]) : undefined],
          values
        ),
        ...(intake.needs.problems
          ? [{ type: "quote", text: intake.needs.problems, source: `${s.partner.name}, in its own words` } as Block]
          : [todo("context", "The problems in the partner's words")]),
        {
          type: "facts",
          rows: [
            [
              "Improvement experience",
              intake.context.improvementExperience ? ANSWER_LABELS.improvementExperience[intake.context.improvementExperience] : "Not stated",
            ],
            // The work the partner already has under way, with the other facts of its experience: an answer beside its label, not a label left in the prose.
            ...(intake.context.existingWork ? [["Improvement work already under way", intake.context.existingWork] as [string, string]] : []),
            ["A learning system already in place", intake.context.hasLearningSystem ? "Yes" : "No"],
            ["An improvement team of its own", intake.context.hasImprovementTeam ? "Yes" : "No"],
            ["Worked with us before", intake.context.previousWorkWithUs ? "Yes" : "No"],
          ],
        },
      ],
    },
    priorities: {
      blocks: priorities.length
        ? [
            { type: "paragraph", text: fill(common.text.prioritiesLead ?? "", values) ?? "" },
            {
              type: "table",
              caption: "Ranked priorities and baseline data",
              columns: ["Rank", "Priority", "Baseline measure", "Value", "Date", "Source"],
              numeric: [true, false, false, true, false, false],
              rows: priorities.map((p) => [
                formatCount(p.rank),
                p.label,
                p.priority.baselineMeasure ?? "—",
                p.priority.baselineValue !== undefined ? formatFigure(p.priority.baselineValue) : p.priority.baselineDue ? "To be measured" : "—",
                p.priority.baselineDate ? formatDate(p.priority.baselineDate) : p.priority.baselineDue ? `By ${formatMonth(p.priority.baselineDue)}` : "—",
                p.priority.baselineSource ?? "—",
              ]),
            },
            // A baseline to be measured by a month the partner gave is planned, not missing (docs/domain.md §1, Intake).
            ...(priorities.some((p) => p.priority.baselineValue === undefined && !p.priority.baselineDue)
              ? [todo("priorities", "Baseline data for every priority")]
              : []),
          ]
        : [todo("priorities", "The partner's ranked priorities")],
    },
    aims: {
      blocks: [
        { type: "paragraph", text: common.text.aimsLead ?? "" },
        ...(aim ? [{ type: "paragraph", text: aim, tone: "lead" } as Block] : [todo("aims", "The aim: how much, by when, for whom")]),
        ...(s.driverDiagram
          ? [
              {
                type: "facts",
                // Each answer stands alone in its cell, so it starts with a capital, as typed or not ("Adults discharged from …").
                rows: [
                  ["Baseline", sentenceStart(aimBaselineStated(s.driverDiagram.aim, s.intake.needs.priorities)) || "Not stated"],
                  ["Target", sentenceStart(s.driverDiagram.aim.target) || "Not stated"],
                  ["By when", sentenceStart(s.driverDiagram.aim.byWhen) || "Not stated"],
                  ["For whom", sentenceStart(s.driverDiagram.aim.population) || "Not stated"],
                ],
              } as Block,
            ]
          : []),
        ...gaps.aims.map((g) => gap("aims", g)),
      ],
    },
    approach: { blocks: approachBlocks(s, wording, values, evidence, (item) => todo("approach", item)) },
    "theory-of-change": {
      blocks: [
        ...theoryBlocks(s, common.text.theoryLead ?? "", (item) => todo("theory-of-change", item)),
        ...gaps.theory.map((g) => gap("theory-of-change", g)),
      ],
    },
    measurement: {
      blocks: [
        ...measurementBlocks(s, common.text.measurementLead ?? "", (item) => todo("measurement", item)),
        ...gaps.measurement.map((g) => gap("measurement", g)),
      ],
    },
    workplan: {
      blocks: timeline
        ? [
            ...withSentence(
              sentence("workplan", "workplanLead", values, "The method"),
              [s.levers?.longerPhasingMonths ? textOf("leverLongerPhasing") : undefined],
              values
            ),
            ...workplanBlocks(timeline, partnerTimeMarks(s)),
          ]
        : [todo("workplan", "The timeline, generated from the chosen method")],
    },
    governance: {
      blocks: mw
        ? [
            listOf("governance", own!.governance),
            sponsorName
              ? ({
                  type: "paragraph",
                  // A title that already names the partner ("Chief Executive, Northshire Health System") is not followed by its name again.
                  // The senior sponsor, as the governance above, the partner's roles and the readiness name them (docs/domain.md §9.5).
                  text: `${sponsorName}${intake.capacity.sponsorTitle ? `, ${intake.capacity.sponsorTitle},` : ""} is ${
                    intake.capacity.sponsorTitle?.toLowerCase().includes(s.partner.name.toLowerCase())
                      ? `the ${SPONSOR} of the work`
                      : possessive(s.partner.name)
                      ? `${possessive(s.partner.name)} ${SPONSOR} of the work`
                      : `the ${SPONSOR} of the work for ${s.partner.name}`
                  }.`,
                } as Block)
              : todo("governance", "The partner's executive sponsor: name and title"),
          ]
        : [todo("governance", "Governance follows from the chosen method")],
    },
    resourcing: { blocks: resourcingBlocks(s, wording, values, (item) => todo("resourcing", item)) },
    capability: {
      blocks: mw
        ? [
            listOf("capability", own!.capability),
            ...(intake.evidence.wantsCapabilityBuilding === "yes" ? [capabilityWishBlock(s, textOf, values)] : []),
            { type: "paragraph", text: "Sustainability:" },
            listOf("capability", own!.sustainability),
          ]
        : [todo("capability", "Capability building follows from the chosen method")],
    },
    budget: {
      blocks: [
        ...(values.budget
          ? [sentence("budget", "budgetRange", { ...values, secured: values.secured ?? "not yet known whether secured" }, "The partner's budget")]
          : [todo("budget", "The partner's budget range and currency")]),
        ...(fee
          ? [
              inStates(
                sentence("budget", "budgetFee", values, "The estimated fee"),
                stateWords({ approved: "budgetFeeApproved", agreed: options ? "budgetFeeOptionsAgreed" : "budgetFeeAgreed" })
              ),
              // The levers the fee assumes, besides the first wave the summary states (docs/domain.md §8.8).
              ...(values.leversAssumed ? [sentence("budget", "budgetLevers", values, "The estimated fee")] : []),
            ]
          : [todo("budget", "The estimated fee, from the timeline")]),
        // A budget in the partner's own currency: the fee's equivalent in it at the rate the version froze, that rate and its day (docs/domain.md §8.7).
        ...(fee && rate && offeredFees.length ? [{ type: "paragraph", text: feeInTheirCurrency(offeredFees, rate, DEPENDING_ON_OPTION) } as Block] : []),
        // A fee above the partner's budget is said so in words, not left to the chart's marker.
        ...(fee && budgetGap ? [{ type: "paragraph", text: budgetGap } as Block] : []),
        // A fee and a budget in different currencies, with no rate recorded, are said to be so, never set side by side as if comparable.
        ...(fee && !rate && s.cost?.verdict === "other_currency" && intake.budget.currency
          ? [
              inStates(
                {
                  type: "paragraph",
                  text: `The fee is estimated in ${s.cost.currency} and ${ofName(s.partner.name, "budget")} is stated in ${
                    intake.budget.currency
                  }; we will confirm the fee in ${intake.budget.currency} at the exchange rate agreed in the contract.`,
                },
                Object.fromEntries(
                  (["approved", "agreed"] as const).map((state) => [
                    state,
                    `The fee is stated in ${s.cost!.currency} and ${ofName(s.partner.name, "budget")} in ${
                      intake.budget.currency
                    }; we will confirm the fee in ${intake.budget.currency} at the exchange rate agreed in the contract.`,
                  ])
                )
              ),
            ]
          : []),
        ...(fee && s.price && !options ? [paymentScheduleTable(s.price, rate)] : []),
        ...(options
          ? [
              {
                type: "paragraph",
                text: `${FEE_DEPENDS_ON_OPTION} ${s.partner.name} chooses: each is set out under Options.`,
              } as Block,
            ]
          : []),
        ...chartBlocks(charts),
        ...(mw ? [{ type: "paragraph", text: "The fee covers:" } as Block, listOf("budget", own!.budgetIncludes)] : []),
      ],
    },
    risks: {
      blocks: riskBlocks(
        s,
        common.text.risksLead ?? "",
        fill(textOf("risksNoneBeyondReadiness") ?? "", values),
        // The gap itself is the Budget section's to state: the risks name it and send the reader there, never say it again.
        budgetGap
          ? `${!options ? "The fee is" : everyOptionAbove ? "Every option's fee is" : "An option's fee is"} above the top of ${ofName(
              s.partner.name,
              "budget"
            )}, by as much as the Budget section says.`
          : null
      ),
    },
    "next-steps": { blocks: nextStepsBlocks(common, values) },
  };

  const internal = internalBlocks(s, wording, vw, values);
  return {
    ...(Object.keys(charts).length ? { chartSources: charts } : {}),
    title: s.engagement.title,
    subtitle: (vw && fill(vw.subtitle, values)) || (method ? `A ${mw!.name} proposal` : "Draft partnership proposal"),
    partnerName: s.partner.name,
    ...(s.proposer ? { proposer: s.proposer } : {}),
    ...(sponsorName ? { addressee: { name: sponsorName, title: intake.capacity.sponsorTitle?.trim() || null } } : {}),
    versionLabel: opts.versionLabel,
    date: s.date,
    sections: stampAudience(
      PROPOSAL_SECTION_KEYS.flatMap((key) => {
        const generated: ProposalSection = { key, title: titleOf(key), ...sections[key] };
        // A manager's own words stand in for the generated prose (docs/domain.md §9.6); internal notes follow either.
        const edit = s.sectionEdits?.find((e) => e.section === key);
        const section = edit ? applySectionEdit(generated, edit) : generated;
        const built = { ...section, blocks: [...section.blocks, ...(internal[key] ?? [])] };
        return key === "budget" && options ? [built, optionsSection(options, s, common.text.optionsLead, rate)] : [built];
      }).concat(
        evidence.references.length ? [{ key: REFERENCES_KEY, title: REFERENCES_TITLE, blocks: [{ type: "references", items: evidence.references }] }] : []
      )
    ),
    missing,
    pictureSources: {
      ...(s.driverDiagram && s.driverDiagram.nodes.length
        ? { "driver-diagram": driverDiagramToMermaid(s.driverDiagram, { measures: "names", markAssumptions: false, columns: true }) }
        : {}),
      // The partner's time is marked on the chart as the time check judges the plan by it (docs/domain.md §8.6).
      ...(timeline ? { timeline: timelineToMermaidGantt(timeline, partnerTimeMarks(s)) } : {}),
    },
  };
}

/** What the proposal calls the partner's leader of the work, in every section: one term, as the intake's question asks it. */
const SPONSOR = "senior sponsor";

/** The fee against the partner's budget and the payment schedule as charts: only the fee and the schedule, like the table (docs/domain.md §8.11). */
function priceCharts(
  price: SnapshotPrice,
  budget: { budgetMin?: number | null; budgetMax?: number | null; currency?: string | null },
  partner: string,
  rate: ExchangeRate | null
): Partial<Record<ProposalChartKey, ChartSpec>> {
  const fee = feeChart(
    [{ label: "Proposed fee", amount: price.fee }],
    price.currency,
    { min: budget.budgetMin, max: budget.budgetMax, currency: budget.currency },
    partner,
    rate
  );
  const payments = paymentChart(price.schedule, price.currency, rate);
  return { ...(fee ? { "fee-chart": fee } : {}), ...(payments ? { "payment-chart": payments } : {}) };
}

/** Each option's fee against the partner's budget, one bar an option; their schedules are tables under Options. */
function optionCharts(
  options: SnapshotOption[],
  budget: { budgetMin?: number | null; budgetMax?: number | null; currency?: string | null },
  partner: string,
  rate: ExchangeRate | null
): Partial<Record<ProposalChartKey, ChartSpec>> {
  const priced = options.filter((o) => o.price.fee > 0);
  const currency = priced[0]?.price.currency;
  if (!currency || priced.some((o) => o.price.currency !== currency)) return {};
  const fee = feeChart(
    priced.map((o) => ({ label: optionTitle(o), amount: o.price.fee })),
    currency,
    { min: budget.budgetMin, max: budget.budgetMax, currency: budget.currency },
    partner,
    rate
  );
  return fee ? { "fee-chart": fee } : {};
}

function chartBlocks(charts: Partial<Record<ProposalChartKey, ChartSpec>>): Block[] {
  return (Object.entries(charts) as [ProposalChartKey, ChartSpec][]).map(([key, spec]) => ({
    type: "picture",
    picture: key,
    caption: spec.title,
    alt: `${spec.title}. ${spec.description}`,
  }));
}

/**
 * The payment schedule: what the partner pays at each milestone. Only the fee and the schedule; the
 * build-up is internal (docs/domain.md §8.7). Through the rate the version froze for a budget in the
 * partner's own currency, every amount, each instalment's and the total's, has its equivalent in that
 * currency beside it, rounded as every equivalent is; the rate and its day are stated once, in the
 * Budget section, never on each row.
 */
function paymentScheduleTable(price: SnapshotPrice, rate: ExchangeRate | null): Block {
  const total = price.schedule.reduce((sum, i) => sum + i.amount, 0);
  const theirs = (amount: number) => (rate ? [equivalentFigure(amount, rate)] : []);
  return {
    type: "table",
    caption: "Payment schedule",
    columns: ["Milestone", "Due", "Share", `Amount (${price.currency})`, ...(rate ? [`Equivalent (${rate.to})`] : [])],
    numeric: [false, false, true, true, ...(rate ? [true] : [])],
    rows: [
      ...price.schedule.map((i) => [i.label, i.due ? formatMonth(i.due) : "On signature", `${i.percent}%`, money(i.amount, null), ...theirs(i.amount)]),
      ...(rate ? [["In all", "", "100%", money(total, null), ...theirs(total)]] : []),
    ],
  };
}

/**
 * The words that say a version's fee waits for the partner's choice of option. An accepted version's
 * documents find them to say which option was chosen (proposal-choice.ts): frozen versions carry them.
 */
export const FEE_DEPENDS_ON_OPTION = "The fee and its payment schedule depend on the option";
export const DEPENDING_ON_OPTION = "depending on the option chosen";

/** The options' fees as a range: "between USD 1,200,000 and USD 1,350,000, depending on the option chosen", or the one fee. */
function optionFeeRange(options: SnapshotOption[]): string | null {
  const fees = options.map((o) => o.price.fee).filter((f) => f > 0);
  if (!fees.length) return null;
  const currency = options[0]!.price.currency;
  const low = Math.min(...fees);
  const high = Math.max(...fees);
  return low === high ? money(low, currency) : `between ${money(low, currency)} and ${money(high, currency)}, ${DEPENDING_ON_OPTION}`;
}

/**
 * The options a version offers, one subsection each: its scope, duration, fee, what it leaves out and
 * its payment schedule. What each asks of our staff and our capacity for it are internal.
 */
function optionsSection(options: SnapshotOption[], s: EngagementSnapshot, lead: string | undefined, rate: ExchangeRate | null): ProposalSection {
  const many = options.length > 1;
  return {
    key: OPTIONS_SECTION_KEY,
    title: "Options",
    blocks: [
      {
        type: "paragraph",
        text: many
          ? lead
            ? fill(lead, { partner: s.partner.name, count: formatCount(options.length) }) ?? lead
            : `${s.partner.name} chooses one of these ${formatCount(options.length)} options when accepting the proposal.`
          : "The proposal offers one option.",
      },
      {
        type: "table",
        caption: "Our staff for each option",
        columns: ["Option", "FTE-months", "Faculty days", "Our capacity", "Levers applied"],
        numeric: [false, true, true, false, false],
        rows: options.map((o) => [optionTitle(o), formatFigure(o.fteMonths), formatCount(o.facultyDays), o.fit?.summary ?? "—", o.levers.join("; ") || "None"]),
        audience: "internal",
      },
      // Each option whose fee is below its cost build-up, in the words of the Fit and approval pages (docs/domain.md §8.9).
      ...((losses) => (losses.length ? [{ type: "facts", rows: losses, audience: "internal" } as Block] : []))(
        options.flatMap((o): [string, string][] => {
          const loss = snapshotBelowCostWords(o.price);
          return loss ? [[optionTitle(o), loss]] : [];
        })
      ),
    ],
    subsections: options.map((o) => ({
      title: optionTitle(o),
      blocks: [
        ...(o.scope ? [{ type: "paragraph", text: o.scope } as Block] : []),
        {
          type: "facts",
          rows: [
            ["Duration", `${plural(o.months, "month")}, ${formatMonth(monthOf(o.start))} to ${formatMonth(monthOf(o.end))}`],
            ["Sites or teams", formatCount(o.teams)],
            // With its equivalent in the partner's currency, at the rate the Budget section states.
            ["Fee", o.price.fee > 0 ? (rate ? feeWithEquivalent(o.price.fee, rate) : money(o.price.fee, o.price.currency)) : "To be estimated"],
            ["Leaves out", o.leavesOut || "Nothing"],
          ],
        } as Block,
        ...(o.price.fee > 0 ? [{ ...paymentScheduleTable(o.price, rate), caption: `Payment schedule: ${optionTitle(o)}` } as Block] : []),
      ],
    })),
  };
}

/** A paragraph with its words for later states of the version beside its own (decision 23); any other block as it is. */
function inStates(block: Block, byState: Partial<Record<WordedState, string>>): Block {
  return block.type === "paragraph" && Object.keys(byState).length ? { ...block, byState } : block;
}

/**
 * The next steps of a draft, and beside them those of every later state of the version (docs/domain.md
 * §9.9), each frozen with it: the documents state the ones for the state the version is in.
 */
function nextStepsBlocks(common: ProposalWording["common"], values: Record<string, string | null | undefined>): Block[] {
  const filled = (t: string) => fill(t, values) ?? t.replace(/\{[a-zA-Z]+\}/g, "to be agreed");
  // Each state's lead and steps are one passage: the partner named in full in it once, then by its short name (docs/domain.md §9.1).
  const passage = (lead: string, steps: string[]) => {
    const [said, ...items] = values.partner ? namedInFullOnce([filled(lead), ...steps.map(filled)], values.partner) : [filled(lead), ...steps.map(filled)];
    return { lead: said!, steps: items };
  };
  const draft = passage(common.text.nextStepsLead ?? "", common.nextSteps);
  const later = (Object.entries(common.nextStepsByState) as [WordedState, { lead: string; steps: string[] }][]).map(
    ([state, w]) => [state, passage(w.lead, w.steps)] as const
  );
  return [
    { type: "paragraph", text: draft.lead, byState: Object.fromEntries(later.map(([state, w]) => [state, w.lead])) },
    { type: "numbered", items: draft.steps, byState: Object.fromEntries(later.map(([state, w]) => [state, w.steps])) },
  ];
}

/**
 * The aim as the proposal states it, starting with a capital however it was typed: the driver diagram's,
 * else the intake's parts in a sentence; null when neither is there.
 */
export function aimStatement(s: EngagementSnapshot): string | null {
  const statement = s.driverDiagram?.aim.statement?.trim();
  if (statement) return sentenceStart(statement);
  const e = s.intake.evidence;
  if (e.aimHowMuch && e.aimByWhen && e.aimForWhom)
    return sentenceStart(`${e.aimHowMuch} for ${populationInSentence(e.aimForWhom)} by ${formatMonth(e.aimByWhen)}.`);
  return null;
}

/**
 * The driver diagram checker's findings a version may not be shared with, by the section they concern:
 * its errors and its findings on the aim, in Aims; a priority the aim names that no outcome measure
 * measures, in the measurement plan (docs/domain.md §6.5), so that no part of the aim goes unmeasured unsaid;
 * labels the blank template left to be renamed and measures with no operational definition where they are printed.
 */
function lintGaps(s: EngagementSnapshot): { aims: string[]; theory: string[]; measurement: string[] } {
  if (!s.driverDiagram) return { aims: [], theory: [], measurement: [] };
  const findings = lintDriverDiagram(s.driverDiagram, { intakeAimBy: s.intake.evidence.aimByWhen, priorities: s.intake.needs.priorities });
  // What the blank template left unsaid is listed where it would be printed: the diagram's labels in the theory of change, the measures' in the measurement plan.
  const inTheory = (f: LintFinding) => f.code === "template-label";
  const inMeasurement = (f: LintFinding) => ["aim-part-without-measure", "measure-template-name", "measure-no-definition"].includes(f.code);
  return {
    aims: findings
      .filter((f) => !inTheory(f) && !inMeasurement(f) && (f.severity === "error" || lintPart(f) === "aim"))
      .slice(0, 3)
      .map((f) => f.message),
    theory: findings.filter(inTheory).map((f) => f.message),
    measurement: findings.filter(inMeasurement).map((f) => f.message),
  };
}

/**
 * How the reasons name the deadline the plan runs past, when it runs past one (docs/domain.md §8.6): the
 * hard deadline ("The hard deadline, 30 September 2028, comes …"), or the date the aim names ("… aim is to
 * be met by September 2028"). None when the plan keeps it, or no check was frozen.
 */
function missedDeadlineWords(s: EngagementSnapshot): string[] {
  const check = s.timeCheck;
  if (!check?.deadline || !check.overruns.some((o) => o.kind === "deadline")) return [];
  if (check.deadline.from === "hard_deadline") {
    const day = formatDate(check.deadline.date);
    return [`hard deadline, ${day}`, `hard deadline: ${day}`];
  }
  const aimBy = s.intake.evidence.aimByWhen;
  return aimBy ? [`is to be met by ${formatMonth(aimBy)}`] : [];
}

function approachBlocks(
  s: EngagementSnapshot,
  wording: ProposalWording,
  values: Record<string, string | null | undefined>,
  { cited, lead }: { cited: CitedResult[]; lead: string },
  todo: (item: MissingItem) => Block
): Block[] {
  const method = s.method.chosen;
  if (!method) return [todo("The method: choose it on the Method step")];
  const mw = wording.methods[method];
  const vw = variantWording(s, wording);
  const chosen = s.method.ranked.find((r) => r.method === method);
  const approach = (vw ?? mw).approach.map((t) => fill(t, values));
  const blocks: Block[] = [
    {
      type: "paragraph",
      text:
        fill(vw?.text.approachChosen ?? wording.common.text.approachChosen ?? "", {
          ...values,
          Us: capitalise(ourName(s.proposer, "shortName")),
          methodName: mw.name,
        }) ?? `We propose a ${mw.name}.`,
      tone: "lead",
    },
    ...(approach.every((t): t is string => t !== null)
      ? approach.map((text) => ({ type: "paragraph", text } as Block))
      : [todo("The open collaborative the partner joins")]),
  ];
  // Events held online (docs/domain.md §8.8) are said where the approach describes them, and the reasons say the sessions so.
  const online = s.levers?.eventsOnline
    ? fill(vw?.text.leverEventsOnline ?? mw.text?.leverEventsOnline ?? wording.common.text.leverEventsOnline ?? "", values)
    : null;
  if (online) blocks.push({ type: "paragraph", text: online });
  if (s.method.overrideReason && method !== s.method.recommended) {
    // A form of the method with a name of its own is named as proposed. A decision recorded before its reason stopped repeating
    // that name ("Short tailored engagement: …") says it once.
    const named = vw?.name && s.method.variant ? { name: vw.name, label: `${VARIANT_LABELS[s.method.variant]}: ` } : null;
    const reason = named && s.method.overrideReason.startsWith(named.label) ? s.method.overrideReason.slice(named.label.length) : s.method.overrideReason;
    blocks.push({
      type: "paragraph",
      text: `The intake pointed to a ${wording.methods[s.method.recommended].name}; ${s.proposer?.shortName ?? "we"} ${s.proposer ? "proposes" : "propose"} a ${
        named?.name ?? mw.name
      } instead, because: ${reason}`,
      audience: "internal",
    });
  }
  // A deadline the plan runs past is no reason the method fits (docs/domain.md §8.6): the risks say it is missed.
  const missed = missedDeadlineWords(s);
  const reasons = (chosen?.for ?? []).filter((r) => !missed.some((w) => r.includes(w)));
  if (reasons.length) {
    // A form of the method says in its own words what the recommendation says of the full method.
    const said = (reason: string) =>
      heldOnline(
        Object.entries(vw?.methodSentences ?? {}).reduce((t, [full, own]) => t.replace(full, fill(own, values) ?? own), reason),
        s.levers?.eventsOnline
      );
    blocks.push({ type: "paragraph", text: "Why this method fits:" }, { type: "bullets", items: reasons.slice(0, 6).map(said) });
  }
  // How the recommendation suggests putting the method together is advice to us, not a reason the method suits the partner;
  // after an override it is advice on a method not proposed, and is left out.
  if (s.method.composition.length && method === s.method.recommended)
    blocks.push(
      { type: "paragraph", text: "How the recommendation suggests putting the method together:", audience: "internal" },
      { type: "bullets", items: s.method.composition, audience: "internal" }
    );
  const others = s.method.ranked.filter((r) => r.method !== method);
  blocks.push({ type: "paragraph", text: wording.common.text.alternativesLead ?? "Alternatives:" });
  const ownAlternative = vw ? fill(vw.alternative, values) : null;
  blocks.push({
    type: "bullets",
    items: [
      ...(ownAlternative ? [ownAlternative] : []),
      ...others.map(
        (r) =>
          `${capitalise(wording.methods[r.method].name)}: ${
            r.against.slice(0, 2).join(" ") || r.caveats[0] || `It fits ${ofName(s.partner.name, "situation")} less well than the method we propose.`
          }`
      ),
    ],
  });
  // Only figures whose source can be named are quoted, each with the numbers of its references (docs/domain.md §9.12).
  if (cited.length) {
    blocks.push({ type: "paragraph", text: lead });
    for (const r of cited) blocks.push({ type: "quote", text: r.text, source: r.source, refs: r.refs });
  }
  // The reasons name the partner in sentence after sentence: in full the first time, then as a careful writer would (docs/domain.md §9.1).
  return namedOnceInProse(blocks, s.partner.name);
}

/**
 * A section's prose for the partner naming them in full once, then by their short name (`namedInFullOnce`);
 * quotations, tables and what is internal are left as they are.
 */
function namedOnceInProse(blocks: Block[], name: string): Block[] {
  const prose = (b: Block) => b.audience !== "internal" && (b.type === "paragraph" || b.type === "bullets");
  const said = namedInFullOnce(
    blocks.flatMap((b) => (!prose(b) ? [] : b.type === "paragraph" ? [b.text] : b.type === "bullets" ? b.items : [])),
    name
  );
  let next = 0;
  return blocks.map((b) =>
    !prose(b) ? b : b.type === "paragraph" ? { ...b, text: said[next++]! } : b.type === "bullets" ? { ...b, items: b.items.map(() => said[next++]!) } : b
  );
}

function theoryBlocks(s: EngagementSnapshot, lead: string, todo: (item: MissingItem) => Block): Block[] {
  const d = s.driverDiagram;
  if (!d || d.nodes.length === 0) return [todo("The driver diagram")];
  const rows = diagramTableRows(d).filter((r) => r.kind !== "aim");
  return [
    { type: "paragraph", text: lead },
    {
      type: "picture",
      picture: "driver-diagram",
      caption: "Driver diagram",
      alt: `Driver diagram: ${d.aim.statement || "aim"}, with ${rows.length} drivers and change ideas`,
    },
    {
      type: "table",
      caption: "Driver diagram as a table",
      columns: ["No.", "Level", "Driver or change idea", "Serves", "Measures"],
      rows: rows.map((r) => [
        r.number,
        r.kindLabel,
        r.label,
        r.parents.map((p) => `${p.label}${p.strength === "weak" ? " (weaker link)" : ""}`).join("; ") || "Aim",
        r.measures.map((m) => m.name).join("; ") || "—",
      ]),
    },
  ];
}

function measurementBlocks(s: EngagementSnapshot, lead: string, todo: (item: MissingItem) => Block): Block[] {
  const d = s.driverDiagram;
  if (!d || d.measures.length === 0) return [todo("The family of measures: outcome, process and balancing")];
  const rows = measureTableRows(d);
  const blocks: Block[] = [
    { type: "paragraph", text: lead },
    {
      type: "table",
      caption: "Family of measures",
      columns: ["Kind", "Measure", "Operational definition", "Numerator / denominator", "Source", "Frequency", "Target"],
      rows: rows.map((m) => [
        m.kindLabel,
        m.name,
        m.definition || "—",
        [m.numerator, m.denominator].filter(Boolean).join(" / ") || "—",
        m.source || "—",
        m.frequency || "—",
        targetInPlan(m, d, s.intake.needs.priorities) || "—",
      ]),
    },
  ];
  if (!rows.some((m) => m.kind === "balancing")) blocks.push(todo("At least one balancing measure"));
  return blocks;
}

/**
 * An outcome measure's target as the plan states it (docs/domain.md §6.5): as the diagram gives it, but
 * for a measure given the whole of an aim about several priorities, which the plan states as the part
 * it measures ("Halve CLABSI rates"), or as none where that cannot be told, never as if all of the aim
 * were that measure's own target.
 */
function targetInPlan(m: MeasureTableRow, d: DriverDiagram, priorities: EngagementSnapshot["intake"]["needs"]["priorities"]): string {
  if (m.kind !== "outcome" || m.target !== d.aim.target || prioritiesNamed(d.aim.target, priorities).length <= 1) return m.target;
  return outcomeTargetFor(d.aim, m, priorities) ?? "";
}

/** Whether the workplan's table is by quarter: a timeline over two years, whose months would not fit across a page. */
function workplanByQuarter(t: Timeline): boolean {
  return monthRange(monthOf(timelineStart(t)), monthOf(timelineEnd(t))).length > 24;
}

/** Months as columns (quarters for long timelines), shaded where each item is under way. */
export function ganttBlock(t: Timeline): Extract<Block, { type: "gantt" }> {
  const months = monthRange(monthOf(timelineStart(t)), monthOf(timelineEnd(t)));
  const quarterly = workplanByQuarter(t);
  const buckets = quarterly ? [...new Set(months.map(quarterOf))] : months;
  const bucketOf = (month: string) => (quarterly ? quarterOf(month) : month);
  const rows = t.items
    .filter((i) => i.kind !== "recurring")
    .map((i) => {
      const first = bucketOf(monthOf(i.start));
      const last = bucketOf(monthOf(i.end));
      const point = i.kind === "event" || i.kind === "milestone";
      return {
        label: i.label,
        kind: ITEM_KIND_LABELS[i.kind],
        start: i.start,
        end: i.end,
        cells: buckets.map((b) => (b < first || b > last ? "" : point ? "marker" : "active")) as ("active" | "marker" | "")[],
      };
    });
  return {
    type: "gantt",
    caption: quarterly ? "Workplan by quarter" : "Workplan by month",
    months: buckets,
    monthLabels: buckets.map((b) => (quarterly ? b.replace("-", " ") : formatMonth(b).replace(/^(\w{3})\w*/, "$1"))),
    rows,
  };
}

/** The partner's time the workplan's picture marks, and its description names (docs/domain.md §8.6). */
function partnerTimeMarks(s: EngagementSnapshot): GanttMarks {
  return { hardDeadline: s.intake.scale.hardDeadline ?? null, aimBy: s.intake.evidence.aimByWhen ?? null };
}

function workplanBlocks(t: Timeline, marks: GanttMarks): Block[] {
  const marked = ganttMarksSentence(marks);
  // In date order: an item added or moved by hand sits in the timeline where it was added, not by its date.
  const keyDates = t.items
    .filter((i) => i.kind === "event" || i.kind === "milestone")
    .sort((a, b) => a.start.localeCompare(b.start) || a.end.localeCompare(b.end));
  return [
    {
      type: "picture",
      picture: "timeline",
      caption: "Timeline",
      // The marks the picture draws, in words for a reader who cannot see it.
      alt: `Gantt chart of the timeline from ${formatDate(timelineStart(t))} to ${formatDate(timelineEnd(t))}${marked ? `. ${marked}` : ""}`,
    },
    ganttBlock(t),
    {
      type: "table",
      caption: "Key dates",
      columns: ["Date", "Event or milestone"],
      // "6–7 September 2027", the month and year said once, as the joining proposal's sentences say them.
      rows: keyDates.map((i) => [dayRangeText(i.start, i.end), i.label]),
    },
    ...recurringBlocks(t),
  ];
}

/**
 * What the chart shows recurring through the plan (monthly calls, team reports, a quarterly steering
 * group), each said once with how often and from when to when ("Monthly, March 2027 – May 2028"): the
 * tables above hold phases, events and milestones, and a reader should find every item of the chart
 * in a table (docs/domain.md §9.1).
 */
function recurringBlocks(t: Timeline): Block[] {
  const recurring = t.items.filter((i) => i.kind === "recurring").sort((a, b) => a.start.localeCompare(b.start) || a.end.localeCompare(b.end));
  if (!recurring.length) return [];
  const when = (i: TimelineItem) => {
    const [from, to] = [formatMonth(monthOf(i.start)), formatMonth(monthOf(i.end))];
    return `${i.recurrence ? capitalise(i.recurrence) : "Recurring"}, ${from === to ? from : `${from} – ${to}`}`;
  };
  return [{ type: "table", caption: "Recurring activities", columns: ["Activity", "How often and when"], rows: recurring.map((i) => [i.label, when(i)]) }];
}

/** A common sentence as the method, or its form, says it. */
function mwText(s: EngagementSnapshot, wording: ProposalWording, key: string): string | undefined {
  const mw = s.method.chosen ? wording.methods[s.method.chosen] : null;
  return variantWording(s, wording)?.text[key] ?? mw?.text?.[key] ?? wording.common.text[key];
}

function resourcingBlocks(
  s: EngagementSnapshot,
  wording: ProposalWording,
  values: Record<string, string | null | undefined>,
  todo: (item: MissingItem) => Block
): Block[] {
  const blocks: Block[] = [];
  if (s.staffing.length) {
    blocks.push({ type: "paragraph", text: wording.common.text.resourcingOurs ?? "" });
    blocks.push({
      type: "table",
      caption: "Our staff by role",
      columns: ["Role", "Days", "FTE-months", "Peak FTE", "From", "To"],
      numeric: [false, true, true, true, false, false],
      rows: s.staffing.map((l) => {
        const f = staffingFigures(l);
        return [
          staffRoleName(l, s.method.chosen ? wording.methods[s.method.chosen] : null),
          f.days,
          f.fteMonths,
          f.peakFte,
          formatMonth(l.from),
          formatMonth(l.to),
        ];
      }),
    });
    // Fewer faculty days (docs/domain.md §8.8) are said beside the staff they change.
    const fewer = s.levers?.facultyDaysPercent ? fill(mwText(s, wording, "leverFacultyDays") ?? "", values) : null;
    if (fewer) blocks.push({ type: "paragraph", text: fewer });
  } else {
    blocks.push(todo("Our staff by role and month, from the timeline"));
  }
  // What the partner commits follows the method: a collaborative's teams at learning sessions, a campaign's enrolled sites, a tailored initiative's workstream leads;
  // a form of the method with its own asks for those (a short tailored engagement, docs/domain.md §9.2).
  const mw = s.method.chosen ? wording.methods[s.method.chosen] : null;
  if (!mw) {
    blocks.push(todo("What the work asks of the partner, from the chosen method"));
    return blocks;
  }
  const vw = variantWording(s, wording);
  const roles = vw?.partnerRoles && vw.partnerRoleAnswers ? { partnerRoles: vw.partnerRoles, partnerRoleAnswers: vw.partnerRoleAnswers } : mw;
  blocks.push({ type: "paragraph", text: fill(wording.common.text.resourcingPartner ?? "", values) ?? "What it asks of the partner:" });
  blocks.push({ type: "bullets", items: roles.partnerRoles.map((role) => fill(role, values) ?? role) });
  const c = s.intake.capacity;
  blocks.push({
    type: "table",
    caption: "Partner roles at the date of this proposal",
    columns: ["Role", "Status"],
    rows: roles.partnerRoleAnswers.map(({ role, reads }) => {
      const answer = c[reads];
      return [role, answer ? ANSWER_LABELS[reads][answer] : "Not yet known"];
    }),
  });
  return blocks;
}

/**
 * The partner's wish for improvement advisors and coaches of its own, and what this proposal does about
 * it (docs/domain.md §5.4): the plan's capability-building stream with its months, or, when the plan
 * holds none, that training them is not part of this proposal. A short tailored engagement's capability
 * items coach its own team (§2.5) and train no advisors.
 */
function capabilityWishBlock(s: EngagementSnapshot, textOf: (key: string) => string | undefined, values: Record<string, string | null | undefined>): Block {
  const items = s.method.variant === "short_tailored" ? [] : (s.timeline?.items ?? []).filter((i) => i.roleTags.some((t) => CAPABILITY_TAGS.has(t)));
  const days = items.flatMap((i) => [i.start, i.end]).sort();
  const stream = days.length ? { capabilityFrom: formatMonth(monthOf(days[0]!)), capabilityTo: formatMonth(monthOf(days.at(-1)!)) } : null;
  const say = (key: string, more: Record<string, string> = {}) => {
    const template = textOf(key);
    return template ? fill(template, { ...values, ...more }) : null;
  };
  const answer = stream ? say("capabilityWishPlanned", stream) : say("capabilityWishNotPlanned");
  const wish = say("capabilityWish") ?? `${s.partner.name} wants to build its own improvement capability: a cadre of improvement advisors and coaches.`;
  return { type: "paragraph", text: [wish, answer].filter(Boolean).join(" ") };
}

/** The role tags of the timeline items that build the partner's own improvement capability (docs/domain.md §5.4). */
const CAPABILITY_TAGS = new Set(["capability_design", "capability"]);

/** A role of ours as the chosen method names it: a collaborative's communications lead, not the roster's "communications / campaign lead". */
function staffRoleName(line: StaffingLine, mw: MethodWording | null): string {
  return mw?.roleNames?.[line.role] ?? line.label;
}

function riskBlocks(s: EngagementSnapshot, lead: string, noneBeyondReadiness: string | null, budgetRisk: string | null = null): Block[] {
  // What each criterion still needs is said beside it in the readiness table (versions frozen before
  // it was kept list it above the table); the list keeps what belongs to no one criterion.
  const besideCriteria = new Set(s.readiness.criteria.flatMap((c) => (c.needs ? [c.needs] : [])));
  const items: string[] = [];
  // Beside the table, a blocker of no one criterion (too little known) says what it is about itself.
  for (const b of s.readiness.blockers) if (!besideCriteria.has(b)) items.push(besideCriteria.size ? b : `Readiness: ${b}`);
  for (const c of s.readiness.conditions) if (!besideCriteria.has(c)) items.push(`Condition: ${c}`);
  // Our staff's availability and the earliest fully staffed start are internal (docs/domain.md §9.4).
  const chosen = s.method.ranked.find((r) => r.method === s.method.chosen);
  // Each caveat names the method and what it needs in a sentence of its own; a label before it would read as a note of ours.
  for (const c of chosen?.caveats ?? []) items.push(c);
  // A plan that runs past the partner's time says so where both parties read what could stand in the way.
  const overrun = overrunRisk(s.timeCheck, s.partner.name);
  if (overrun) items.unshift(`Time: ${overrun}`);
  // So does a fee above their budget, which the Budget section states: "no risks" beside it would contradict it.
  if (budgetRisk) items.unshift(`Budget: ${budgetRisk}`);
  const blocks: Block[] = [{ type: "paragraph", text: lead }];
  if (items.length) blocks.push({ type: "bullets", items });
  else
    blocks.push({
      type: "paragraph",
      text: besideCriteria.size
        ? noneBeyondReadiness || "No risks were found beyond the readiness criteria below that are still to be met."
        : "No readiness gaps or capacity shortfalls were found.",
    });
  // A table of criteria and status; beside them what each still needs, when any does.
  const needs = besideCriteria.size > 0;
  blocks.push({
    type: "table",
    caption: "Readiness",
    columns: needs ? ["Criterion", "Status", "What it needs"] : ["Criterion", "Status"],
    rows: s.readiness.criteria.map((c) => [c.label, READINESS_STATUS_LABELS[c.status], ...(needs ? [c.needs ?? "—"] : [])]),
  });
  return blocks;
}

/**
 * What we know and the partner does not read (docs/domain.md §9.4), by the section it belongs to:
 * our capacity and the earliest fully staffed start, each method's feasibility, the fee against the
 * budget and the cost estimate beside it, the planning assumptions, the readiness notes written for us and the driver
 * diagram's items resting on an assumption.
 */
function internalBlocks(
  s: EngagementSnapshot,
  wording: ProposalWording,
  vw: VariantWording | null,
  values: Record<string, string | null | undefined>
): Partial<Record<ProposalSectionKey, Block[]>> {
  // A form of the method with internal words of its own (a site joining an open collaborative) says what its rows and assumptions are.
  const own = vw?.internal ? vw.internal : null;
  const say = (template: string | undefined) => (template ? fill(template, values) : null);
  const out: Partial<Record<ProposalSectionKey, Block[]>> = {};
  const add = (key: ProposalSectionKey, ...blocks: Block[]) =>
    (out[key] = [...(out[key] ?? []), ...blocks.map((b) => ({ ...b, audience: "internal" } as Block))]);

  // The partner reads the evidence in sentences; we keep each priority's answers and the maturity they give.
  const judged = evidenceByPriority(s.intake).filter((p) => p.maturity);
  if (judged.length)
    add("approach", {
      type: "table",
      caption: "Evidence by priority",
      columns: ["Priority", "Maturity", "What the intake says"],
      rows: judged.map((p) => [p.label, MATURITY_LABELS[p.maturity!], p.reason]),
    });

  const feasible = s.method.ranked.filter((r) => r.feasibility);
  if (feasible.length) {
    // Each method's row is judged on its own template; a form of the chosen method is judged on its own plan, and says so.
    const planRow = own && s.fit ? say(own.capacityPlan) : null;
    const fullMethod = own ? say(own.capacityFullMethod) : null;
    add(
      "approach",
      {
        type: "table",
        caption: "Our capacity for each method",
        columns: ["Method", "Our capacity", "Start with room to spare"],
        rows: [
          ...(planRow && s.fit ? [[planRow, s.fit.summary, s.fit.earliestStart ? formatMonth(s.fit.earliestStart) : "—"]] : []),
          ...feasible.map((r) => [
            (r.method === vw?.method && fullMethod) || capitalise(wording.methods[r.method].name),
            r.feasibility!.summary,
            r.feasibility!.earliestStart ? formatMonth(r.feasibility!.earliestStart) : "—",
          ]),
        ],
      },
      // Two searches give the column its months (docs/domain.md §8.3); the note names each in the Fit page's words.
      {
        type: "paragraph",
        tone: "note",
        text:
          planRow && s.fit
            ? "Start with room to spare: for the plan as proposed, its earliest fully staffed start, at or after its start, as given with the resourcing; for each method, the nearest start with room to spare for its template timeline, at or after the desired start."
            : `Start with room to spare: for each method, the nearest start with room to spare for its template timeline, at or after the desired start.${
                s.fit ? " This plan's earliest fully staffed start, on its own timeline as it stands, is given with the resourcing." : ""
              }`,
      }
    );
  }
  // The recommendation's note on our capacity is about the method it recommends; after an override the note is about the one chosen.
  // A form of a method is judged by whether it was taken as recommended (a small request's offer), where the version says so.
  const chosenMethod = s.method.chosen;
  const variant = s.method.variant;
  const overridden = chosenMethod !== null && (s.method.asRecommended !== undefined ? !s.method.asRecommended : chosenMethod !== s.method.recommended);
  const capacityNote = (): string | null | undefined => {
    const recommendedName = wording.methods[s.method.recommended].name;
    if (variant && (overridden || s.method.asRecommended)) {
      // A form of the chosen method (docs/domain.md §2.5) is judged on its own plan, never on the full method's template: the table's
      // plan row already says that judgement; without one, the note says it, "chosen instead of" the recommendation only when it was.
      if (feasible.length && own?.capacityPlan && s.fit) return null;
      return chosenPlanNote(variantNoun(variant, s.method.joining?.title ?? null), s.fit, overridden ? recommendedName : null);
    }
    if (!overridden || !chosenMethod) return s.method.feasibilityNote;
    return chosenFeasibilityBriefing(
      { name: wording.methods[chosenMethod].name, feasibility: s.method.ranked.find((r) => r.method === chosenMethod)?.feasibility ?? null },
      recommendedName
    );
  };
  const note = capacityNote();
  if (note) add("approach", { type: "paragraph", text: note });

  const assumed = [
    ...(s.driverDiagram?.nodes ?? []).filter((n) => n.assumption).map((n) => `◇ assumption: ${n.label}`),
    ...(s.driverDiagram?.measures ?? []).filter((m) => m.assumption).map((m) => `◇ assumption (measure): ${m.name}`),
  ];
  if (assumed.length)
    add("theory-of-change", { type: "paragraph", text: "Items marked as assumptions, to review with the partner:" }, { type: "bullets", items: assumed });

  if (s.fit) {
    const earliest: [string, string] = [
      "Earliest fully staffed start",
      s.fit.earliestStart ? formatMonth(s.fit.earliestStart) : "None found in the planning horizon",
    ];
    add("resourcing", {
      type: "facts",
      rows: [
        // Dated: the roster and other engagements' bookings move after the version is frozen (docs/domain.md §8.1).
        [fill(wording.common.text.capacityJudged ?? "", { frozenOn: formatDate(s.date) }) ?? "Our capacity", s.fit.summary],
        earliest,
      ],
      // Each version's own date is no change between two of them: they are compared on the fit alone.
      compared: [["Our capacity", s.fit.summary], earliest],
    });
    if (s.fit.shortfalls.length || s.fit.tightSpots.length) add("resourcing", { type: "bullets", items: [...s.fit.shortfalls, ...s.fit.tightSpots] });
  }

  // What the partner pays is the fee, so only the fee is set against their budget; our cost is said beside it, never against it.
  if (s.cost || s.price) {
    const rows: [string, string][] = [];
    if (s.price) rows.push(["Fee against the budget", feeAgainstBudget(s.price, s.intake.budget, snapshotRate(s))]);
    if (s.cost) rows.push(["What the work costs us", s.cost.description]);
    // A fee below the cost build-up is named in the words of the Fit and approval pages (docs/domain.md §8.9); with options, each option's is under Options.
    const loss = s.price && !s.options?.length ? snapshotBelowCostWords(s.price) : null;
    if (loss) rows.push(["Fee against our cost", loss]);
    add("budget", { type: "facts", rows });
  }

  if (s.assumptions.length) {
    add(
      "risks",
      { type: "paragraph", text: say(own?.assumptionsLead) ?? "Planning assumptions (no public figure exists; to be confirmed with faculty):" },
      { type: "bullets", items: s.assumptions }
    );
  }
  const notes = s.readiness.criteria.filter((c) => c.reason);
  if (notes.length) {
    add("risks", {
      type: "table",
      caption: "Readiness: our notes",
      columns: ["Criterion", "Status", "Note"],
      rows: notes.map((c) => [c.label, READINESS_STATUS_LABELS[c.status], c.reason]),
    });
  }
  return out;
}

/** The wording of the snapshot's form of its method, when that form has its own and is a form of the method chosen. */
function variantWording(s: EngagementSnapshot, wording: ProposalWording): VariantWording | null {
  const variant = s.method.variant;
  const vw = variant ? wording.variants?.[variant] : undefined;
  return vw && vw.method === s.method.chosen ? vw : null;
}

/**
 * The facts a proposal to join an open collaborative states (docs/domain.md §2.5): the collaborative
 * and who runs it, the partner's teams in it, and the dates of the learning sessions and closing
 * session they attend, from the timeline. None for any other plan.
 */
function joiningValues(s: EngagementSnapshot, teams: number | null): Record<string, string | null> {
  if (s.method.variant !== "join_open_collaborative") return {};
  const items = [...(s.timeline?.items ?? [])].sort((a, b) => a.start.localeCompare(b.start));
  const sessions = items.filter((i) => i.roleTags.includes("learning_session"));
  const closing = items.find((i) => i.roleTags.includes("congress"));
  return {
    collaborative: s.method.joining?.title ?? null,
    host: s.method.joining?.host ?? null,
    teamCount: teams ? plural(teams, "team") : null,
    sessions: sessions.length ? listText(sessions.map((i) => dayRangeText(i.start, i.end))) : null,
    joinsAt: sessions[0] ? dayRangeText(sessions[0].start, sessions[0].end) : null,
    closing: closing ? dayRangeText(closing.start, closing.end) : null,
  };
}

/** "16 March 2027", "16–17 March 2027", "30 June – 1 July 2027", "31 December 2027 – 1 January 2028". */
function dayRangeText(start: string, end: string): string {
  if (start === end) return formatDate(start);
  const [a, b] = [formatDate(start), formatDate(end)];
  if (start.slice(0, 7) === end.slice(0, 7)) return `${a.split(" ")[0]}–${b}`;
  if (start.slice(0, 4) === end.slice(0, 4)) return `${a.replace(/ \d{4}$/, "")} – ${b}`;
  return `${a} – ${b}`;
}

/** "A", "A and B", "A, B and C". */
function listText(items: string[]): string {
  return items.length > 1 ? `${items.slice(0, -1).join(", ")} and ${items.at(-1)}` : items[0] ?? "";
}

/** The method's own span (for a collaborative, prework to the summative congress) when it is shorter than the whole; null otherwise. */
function methodSpan(t: Timeline): { months: number; from: string; to: string } | null {
  let core: number | null = null;
  try {
    core = Math.round(spanMonths(t));
  } catch {
    core = null;
  }
  const from = t.items.find((i) => i.id === t.span.from)?.label;
  const to = t.items.find((i) => i.id === t.span.to)?.label;
  return core !== null && core < wholeMonths(t) && from && to ? { months: core, from, to } : null;
}

export const monthsText = (n: number) => (n < 1 ? "less than a month" : n === 1 ? "1 month" : `${n} months`);

/**
 * How long the engagement runs and, when the method's own span is shorter, that span too: "18 months,
 * 12 of them from “Prework” to “Summative congress”".
 */
function durationText(t: Timeline): string {
  const span = methodSpan(t);
  return span
    ? `${monthsText(wholeMonths(t))}, ${formatCount(span.months)} of them from ${itemName(span.from)} to ${itemName(span.to)}`
    : monthsText(wholeMonths(t));
}

/**
 * The method's own span as placeholders (`spanMonths`, `spanFrom`, `spanTo`); none when it is the whole
 * engagement. The ends are the names of workplan items, quoted as names in the prose ("from “Launch
 * event” to “Deadline event with results”"): they are free text, so no article or case is guessed.
 */
function spanValues(t: Timeline | null): Record<string, string | null> {
  const span = t ? methodSpan(t) : null;
  return { spanMonths: span ? monthsText(span.months) : null, spanFrom: span ? itemName(span.from) : null, spanTo: span ? itemName(span.to) : null };
}

/** A workplan item named in a sentence: “Summative congress”. */
const itemName = (label: string) => `“${label}”`;

/**
 * A lead paragraph with the sentences after it that have something to say (a template whose facts are
 * unknown says nothing), in the same paragraph; after a part still to be completed, they stand on their own.
 */
function withSentence(lead: Block, templates: (string | undefined)[], values: Record<string, string | null | undefined>): Block[] {
  const then = templates.map((t) => (t ? fill(t, values) : null)).filter((t): t is string => t !== null);
  if (!then.length) return [lead];
  return lead.type === "paragraph" ? [{ ...lead, text: [lead.text, ...then].join(" ") }] : [lead, { type: "paragraph", text: then.join(" ") }];
}

/** The placeholders of a first wave, or none (so that its sentence is left out) for a plan of all its sites. */
/**
 * The sites a plan takes of those it was made for (docs/domain.md §8.8), in the executive summary's
 * facts: a first wave's ("11 in the first wave, of 14"), or, for a campaign, which enrols openly and has
 * no waves, those our staff support ("1,200 supported by Northbridge, of 3,000").
 */
function firstWaveFact(method: Method | null, us: string): string {
  return method === "campaign" ? `supported by ${us}` : "in the first wave";
}

/**
 * The wording for a partner of one site (docs/domain.md §5.5): each of the chosen method's sentences its
 * `oneSite` says otherwise is said so (a tailored initiative scales across the organisation's wards and
 * units); the wording as it is for a partner of several sites, or a method with none.
 */
function forOneSite(wording: ProposalWording, s: EngagementSnapshot): ProposalWording {
  const method = s.method.chosen;
  const own = method ? wording.methods[method].oneSite : undefined;
  if (!method || !own || (s.intake.context.sites ?? s.partner.sites) !== 1) return wording;
  const said = (items: string[]) => items.map((t) => own[t] ?? t);
  const mw = wording.methods[method];
  return {
    ...wording,
    methods: {
      ...wording.methods,
      [method]: {
        ...mw,
        approach: said(mw.approach),
        governance: said(mw.governance),
        capability: said(mw.capability),
        sustainability: said(mw.sustainability),
        budgetIncludes: said(mw.budgetIncludes),
        partnerRoles: said(mw.partnerRoles),
      },
    },
  };
}

/** "14 sites", or teams where more take part than the partner has sites (the context counts its sites). */
export function siteCountOf(count: number, partnerSites: number): string {
  return plural(count, count > partnerSites ? "team" : "site");
}

/** The levers besides the first wave that the fee assumes, in words ("events held online and the faculty's time at 80% of the plan's"); null for none. */
function leversAssumed(levers: EngagementSnapshot["levers"]): string | null {
  if (!levers) return null;
  const said = [
    ...(levers.eventsOnline ? ["events held online"] : []),
    ...(levers.facultyDaysPercent ? [`the faculty's time at ${levers.facultyDaysPercent}% of the plan's`] : []),
    ...(levers.longerPhasingMonths ? [`a phasing ${plural(levers.longerPhasingMonths, "month")} longer`] : []),
  ];
  return said.length ? listText(said) : null;
}

/** A reason that speaks of in-person learning sessions, said of sessions held online where the plan holds them so (docs/domain.md §8.8). */
function heldOnline(reason: string, online: boolean | undefined): string {
  return online ? reason.replace(/\bthree in-person learning sessions\b/g, "three learning sessions, held online in this proposal") : reason;
}

/**
 * A first wave's placeholders: "11 of the 14 sites", the "3 sites" left and where they go, "a later
 * wave", or "later waves" where a collaborative leaves more than one wave holds (docs/domain.md §8.8).
 */
function firstWaveValues(
  firstWave: EngagementSnapshot["firstWave"],
  partnerSites: number,
  method: Method | null
): { firstWave: string | null; laterWave: string | null; laterWaves: string | null } {
  if (!firstWave || firstWave.sites >= firstWave.of) return { firstWave: null, laterWave: null, laterWaves: null };
  const noun = firstWave.of > partnerSites ? "team" : "site";
  const left = firstWave.of - firstWave.sites;
  return {
    firstWave: `${formatCount(firstWave.sites)} of the ${plural(firstWave.of, noun)}`,
    laterWave: plural(left, noun),
    laterWaves: method === "collaborative" && left > COLLABORATIVE_MAX_TEAMS ? "later waves" : "a later wave",
  };
}

/** The sentence of common.json that says how far the work reaches, for each of the intake's geographic scopes. */
const SCOPE_TEXT: Record<GeographyScope, string> = {
  organisation: "scopeOrganisation",
  system: "scopeSystem",
  region: "scopeRegion",
  nation: "scopeNation",
};

function quarterOf(month: string): string {
  const [y, m] = month.split("-");
  return `${y}-Q${Math.ceil(Number(m) / 3)}`;
}

/**
 * Whether two snapshots would give the partner the same proposal: the same sections, words, tables
 * and pictures, whatever their dates. Our capacity (the fit against the roster) drifts as other
 * engagements are booked; it is internal, so it does not make a version different.
 */
export function samePartnerContent(a: EngagementSnapshot, b: EngagementSnapshot, wording: ProposalWording): boolean {
  const partnerFacing = (s: EngagementSnapshot) => {
    const c = partnerEdition(buildProposal({ ...s, date: "", fit: null }, wording, { versionLabel: "" }));
    return canonicalJson({
      title: c.title,
      subtitle: c.subtitle,
      partnerName: c.partnerName,
      proposer: c.proposer ?? null,
      sections: c.sections,
      pictures: c.pictureSources,
    });
  };
  return partnerFacing(a) === partnerFacing(b);
}
