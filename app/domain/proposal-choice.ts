import { formatDate } from "./calendar";
import { listOf } from "./intake";
import { DEPENDING_ON_OPTION, FEE_DEPENDS_ON_OPTION } from "./proposal";
import { OPTIONS_SECTION_KEY, signerText, type AcceptanceRecord, type Block, type ProposalContent, type ProposalSection } from "./proposal-content";

/*
 * An accepted version's documents say which option the partner chose (docs/domain.md §9.13). The
 * chosen option comes first under Options, marked chosen, with who accepted it and when, and its
 * payment schedule; the options not chosen follow in brief — scope, duration, fee, what each leaves
 * out — marked not chosen, without a schedule that does not apply. The budget and the summary say
 * which option's fee applies.
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

/** Marks the option an accepted version's partner chose; any other content is returned as it is. */
export function presentChoice(content: ProposalContent, acceptance: AcceptanceRecord | null | undefined): ProposalContent {
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
  return { ...content, sections };
}
