import { formatDate, formatMonth, monthOf } from "./calendar";
import { listOf } from "./intake";
import { formatCount, plural } from "./plural";
import { aimStatement, DEPENDING_ON_OPTION, FEE_DEPENDS_ON_OPTION, monthsText, siteCountOf } from "./proposal";
import { OPTIONS_SECTION_KEY, signerText, type AcceptanceRecord, type Block, type ProposalContent, type ProposalSection } from "./proposal-content";
import { chosenOption, largestOption, optionTitle, type SnapshotOption } from "./proposal-options";
import { staffingFigures, staffTotals, type EngagementSnapshot } from "./proposal-snapshot";
import { lowerFirst } from "./text";
import { timelineEnd, timelineStart, wholeMonths } from "./timeline";

/*
 * An accepted version's documents say which option the partner chose (docs/domain.md §9.13). The
 * chosen option comes first under Options, marked chosen, with who accepted it and when, and its
 * payment schedule; the options not chosen follow in brief — scope, duration, fee, what each leaves
 * out — marked not chosen, without a schedule that does not apply. The budget and the summary say
 * which option's fee applies, and the summary and the resourcing state the chosen option's staff, sites
 * and dates where the version states the largest option's (`presentCommitment`).
 *
 * Like the approval block, this is how the frozen content is presented in its approval state: the
 * version's content, and so the fingerprint the partner accepted (its content hash), are unchanged. Pure.
 */

/** "Option B: Virtual" — the start of an option's subsection title, as the version's Options section names it. */
const optionPrefix = (key: string) => `Option ${key}: `;

/** Who accepted, as the acceptance record names them: "Dr Aoife Brennan, Chief Executive", else the account. */
function acceptedBy(a: AcceptanceRecord): string {
  return signerText(a.signerName, a.signerTitle) || a.account;
}

const isPaymentSchedule = (b: Block) => b.type === "table" && b.caption.startsWith("Payment schedule");
const factsOf = (blocks: Block[]) => blocks.find((b): b is Extract<Block, { type: "facts" }> => b.type === "facts");

/**
 * Marks the option an accepted version's partner chose; any other content is returned as it is. With
 * the version's frozen snapshot, what the version commits of our staff is restated for that option too.
 */
export function presentChoice(content: ProposalContent, acceptance: AcceptanceRecord | null | undefined, snapshot?: EngagementSnapshot): ProposalContent {
  const key = acceptance?.optionKey;
  const options = content.sections.find((s) => s.key === OPTIONS_SECTION_KEY);
  if (!acceptance || !key || !options?.subsections?.length) return content;
  const chosen = options.subsections.find((sub) => sub.title.startsWith(optionPrefix(key)));
  if (!chosen) return content;
  const others = options.subsections.filter((sub) => sub !== chosen);
  const partner = content.partnerName;
  const on = formatDate(acceptance.at.slice(0, 10));
  const fee = factsOf(chosen.blocks)?.rows.find(([label]) => label === "Fee")?.[1];
  const feeText = fee && fee !== "To be estimated" ? fee : null;
  const partnerBlock = (text: string, tone?: "lead" | "note"): Block => ({ type: "paragraph", text, ...(tone ? { tone } : {}), audience: "partner" });
  const notChosen = others.map((o) => o.title);

  const lead = partnerBlock(
    [
      `${partner} chose ${chosen.title} when accepting this version on ${on} (accepted by ${acceptedBy(acceptance)}).`,
      `Its scope, fee${
        feeText ? ` of ${feeText}` : ""
      } and payment schedule, set out first below, are the ones that apply wherever the rest of this proposal describes the work differently.`,
      notChosen.length
        ? `${notChosen.length === 1 ? "The other option offered" : "The other options offered"}, ${listOf(notChosen)}, ${
            notChosen.length === 1 ? "was" : "were"
          } not chosen: ${notChosen.length === 1 ? "it is" : "they are"} set out in brief below, for the record.`
        : "",
    ]
      .filter(Boolean)
      .join(" "),
    "lead"
  );
  const decided = (blocks: Block[], decision: string, keepSchedule: boolean): Block[] =>
    blocks
      .filter((b) => keepSchedule || !isPaymentSchedule(b))
      .map((b) => (b.type === "facts" ? { ...b, rows: [["Decision", decision] as [string, string], ...b.rows] } : b));
  const optionsSection: ProposalSection = {
    ...options,
    // The lead that asked the partner to choose gives way to what they chose; internal blocks stay for our staff.
    blocks: [lead, ...options.blocks.filter((b) => !(b.type === "paragraph" && (b.audience ?? "partner") === "partner"))],
    subsections: [
      { ...chosen, title: `${chosen.title} — chosen`, blocks: decided(chosen.blocks, `Chosen by ${partner} on ${on}`, true) },
      ...others.map((o) => ({
        ...o,
        title: `${o.title} — not chosen`,
        blocks: decided(o.blocks, `Not chosen: its fee and payment schedule do not apply`, false),
      })),
    ],
  };
  const chosenFee = `${partner} chose ${chosen.title} on ${on}${feeText ? `, for a fee of ${feeText}` : ""}`;
  const sections = content.sections.map((s) => {
    if (s === options) return optionsSection;
    if (s.key === "budget")
      return {
        ...s,
        blocks: s.blocks.map((b) =>
          b.type === "paragraph" && b.text.startsWith(FEE_DEPENDS_ON_OPTION)
            ? { ...b, text: `${chosenFee}. Its payment schedule is set out under Options.` }
            : b
        ),
      };
    if (s.key === "executive-summary")
      return {
        ...s,
        blocks: s.blocks.flatMap((b) =>
          b.type === "paragraph" && b.text.includes(DEPENDING_ON_OPTION)
            ? [
                b,
                partnerBlock(
                  `${chosenFee}. Its scope and payment schedule, set out under Options, apply wherever this proposal describes the work differently.`
                ),
              ]
            : [b]
        ),
      };
    return s;
  });
  const presented = { ...content, sections };
  const committed = snapshot ? chosenOption(snapshot.options, key) : null;
  return snapshot && committed
    ? presentCommitment(presented, snapshot, committed, { by: `${content.partnerName} accepted on ${on}`, label: acceptance.option || optionTitle(committed) })
    : presented;
}

/**
 * The chosen option's commitment where the version states the largest option's (docs/domain.md §9.13):
 * the summary's sentences on the sites, the months and our staff, its table, and the resourcing table
 * of our staff by role, each with the chosen option's figures from the frozen snapshot, and a sentence
 * saying whose they are ("These figures are for Option B: Focused start, which … accepted on …").
 *
 * The version's own words stay: only the figures the snapshot gave them are restated, each found as the
 * proposal wrote it from the largest option's plan (the same functions write both), in the order the
 * sentences give them, and after the aim in the lead, whose words are the partner's. A summary its
 * managers wrote themselves keeps their words; its table and the sentence saying whose figures they
 * are still follow the choice. The workplan stays the largest option's: an option's own timeline is not
 * frozen, only its dates.
 */
function presentCommitment(content: ProposalContent, s: EngagementSnapshot, chosen: SnapshotOption, accepted: { by: string; label: string }): ProposalContent {
  const options = s.options ?? [];
  const largest = largestOption(options);
  if (options.length < 2 || !largest || !s.timeline) return content;
  const partnerSites = s.intake.context.sites ?? s.partner.sites;
  const stated = staffTotals(s.staffing);
  const committed = staffTotals(chosen.staffing);
  const stateTeams = s.timeline.generatedFrom.teams;
  const [start, end] = [timelineStart(s.timeline), timelineEnd(s.timeline)];
  const said = {
    sites: [siteCountOf(stateTeams, partnerSites), siteCountOf(chosen.teams, partnerSites)],
    months: [monthsText(wholeMonths(s.timeline)), monthsText(chosen.months)],
    fteMonths: [plural(stated.fteMonths, "FTE-month"), plural(committed.fteMonths, "FTE-month")],
    facultyDays: [plural(stated.facultyDays, "faculty day"), plural(committed.facultyDays, "faculty day")],
    from: [formatMonth(monthOf(start)), formatMonth(monthOf(chosen.start))],
    to: [formatMonth(monthOf(end)), formatMonth(monthOf(chosen.end))],
  } satisfies Record<string, [string, string]>;
  const whose: Block = { type: "paragraph", text: `These figures are for ${optionTitle(chosen)}, which ${accepted.by}.`, audience: "partner" };
  // In the summary the proposal wrote, a sentence after it says who chose the option and when: not said twice.
  const whoseInSummary: Block = { ...whose, text: `These figures are for ${optionTitle(chosen)}, the option chosen.` };
  const aim = aimStatement(s);
  const aimSaid = aim ? lowerFirst(aim.replace(/\.$/, "")) : null;

  const summary = (blocks: Block[]): Block[] => {
    const largestNamed = (b: Block) => b.type === "paragraph" && b.text.includes(optionTitle(largest)) && !b.text.includes(DEPENDING_ON_OPTION);
    const restated = blocks.map((b, i): Block => {
      if (b.type === "paragraph" && i === 0) {
        const afterAim = aimSaid && b.text.includes(aimSaid) ? b.text.indexOf(aimSaid) + aimSaid.length : 0;
        return { ...b, text: restate(b.text, [said.sites, said.months], afterAim) };
      }
      if (b.type === "paragraph" && b.text.includes(said.fteMonths[0]))
        return { ...b, text: restate(b.text, [said.fteMonths, said.facultyDays, said.from, said.to]) };
      if (largestNamed(b)) return whoseInSummary;
      if (b.type === "facts") return { ...b, rows: summaryRows(b.rows) };
      return b;
    });
    if (blocks.some(largestNamed)) return restated;
    // A summary in its managers' own words: the sentence saying whose figures the table gives comes before it.
    const table = restated.findIndex((b) => b.type === "facts");
    return table < 0 ? [...restated, whose] : [...restated.slice(0, table), whose, ...restated.slice(table)];
  };
  // The table states the option chosen, with its fee as the acceptance records it, after our staff's time.
  const summaryRows = (rows: [string, string][]): [string, string][] =>
    rows.flatMap(([label, value]): [string, string][] => {
      if (label === "Sites or teams" && value === formatCount(stateTeams)) return [[label, formatCount(chosen.teams)]];
      if (label === "Timeline" && value === `${formatDate(start)} to ${formatDate(end)}`)
        return [[label, `${formatDate(chosen.start)} to ${formatDate(chosen.end)}`]];
      if (label === "Our staff")
        return [
          [label, value === said.fteMonths[0] ? said.fteMonths[1] : value],
          ["Option chosen", accepted.label],
        ];
      return [[label, value]];
    });
  // The resourcing table's rows are the snapshot's staffing lines in order: each role keeps the name the version gave it.
  const resourcing = (blocks: Block[]): Block[] =>
    blocks.flatMap((b): Block[] => {
      if (b.type !== "table" || b.caption !== "Our staff by role") return [b];
      const nameOf = (role: string, label: string) => {
        const at = s.staffing.findIndex((l) => l.role === role);
        return at >= 0 && b.rows[at] ? b.rows[at]![0]! : label;
      };
      const rows = chosen.staffing.map((l) => {
        const f = staffingFigures(l);
        return [nameOf(l.role, l.label), f.days, f.fteMonths, f.peakFte, formatMonth(l.from), formatMonth(l.to)];
      });
      return [{ ...b, rows }, whose];
    });
  return {
    ...content,
    sections: content.sections.map((sec) =>
      sec.key === "executive-summary" ? { ...sec, blocks: summary(sec.blocks) } : sec.key === "resourcing" ? { ...sec, blocks: resourcing(sec.blocks) } : sec
    ),
  };
}

/**
 * The text with each figure restated, in the order given, each looked for after the one before it (and
 * after `from`): "46.5 FTE-months … 127 faculty days" becomes "42.7 FTE-months … 101 faculty days". A
 * figure the text does not give is passed over; the next is looked for after the last one found.
 */
function restate(text: string, figures: [string, string][], from = 0): string {
  let out = text;
  let at = from;
  for (const [was, now] of figures) {
    const i = out.indexOf(was, at);
    if (i < 0) continue;
    out = out.slice(0, i) + now + out.slice(i + was.length);
    at = i + now.length;
  }
  return out;
}
