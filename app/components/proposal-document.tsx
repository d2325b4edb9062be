import { Fragment, useId, useRef, type CSSProperties, type ReactNode, type RefObject } from "react";
import { formatDate, formatDateTime, formatShortDate } from "~/domain/calendar";
import { BRAND_COLOUR_PATTERN, contactText, ourName } from "~/domain/organisation-profile";
import { EDITION_LABELS } from "~/domain/proposal-audience";
import { sectionEndMark, sectionMark } from "~/domain/proposal-print";
import {
  addresseeText,
  approverDecisionLabel,
  approversCaption,
  ourSignature,
  partnerSignature,
  validityText,
  validUntil,
  decisionLabel,
  fingerprintText,
  type AcceptanceRecord,
  draftMarking,
  draftWatermark,
  draftApprovalNote,
  draftNote,
  GANTT_CELL_WORDS,
  ganttLegend,
  type ApprovalState,
  type Block,
  type Picture,
  type Pictures,
  type ProposalContent,
  type ProposalSection,
  type RichPart,
  type RichRun,
} from "~/domain/proposal-content";
import { citationMarks, referenceText } from "~/domain/references";
import { stripControlChars } from "~/domain/text";
import { useWiderThanBox } from "./table-scroll-hint";

/**
 * The whole proposal as a document: cover, contents, numbered sections, approval block. The same
 * markup is the on-screen preview and, printed by Chromium, the PDF. Every string goes through React's
 * escaping; pictures are data-URI images, never inline SVG markup. Over 500 lines because every block
 * kind, the cover, the contents and the approval page are drawn here once, for screen and print alike.
 */

export type ProposalDocumentProps = {
  content: ProposalContent;
  pictures: Pictures;
  approval: ApprovalState;
  mode: "screen" | "print";
  /** On the staff's live draft: what can be done with a section (edit its words), drawn after its blocks. */
  sectionTools?: (section: ProposalSection) => ReactNode;
  /**
   * Why a picture may be missing without having failed: on the live draft its pictures are drawn only
   * when a version is created ("later"); a version's may still be being drawn after start-up ("being_drawn").
   */
  picturesLater?: MissingPicture;
  /** On a reader's page: what they can do about a section (comment on it), drawn after the whole section. */
  sectionEnd?: (section: ProposalSection) => ReactNode;
  /** Printed: the section whose end is marked, for the PDF to read where it fell (docs/domain.md §9.7). */
  markEndOf?: number;
};

/** Section numbers: "1", and "1.2" for subsections. */
export function sectionNumber(index: number, subIndex?: number): string {
  return subIndex === undefined ? `${index + 1}` : `${index + 1}.${subIndex + 1}`;
}

const clean = (text: string) => stripControlChars(text);

// btoa rather than Buffer: the component also renders in the browser preview.
function base64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function pictureSrc(picture: Picture): string {
  if (picture.svg) return `data:image/svg+xml;base64,${base64(new TextEncoder().encode(picture.svg))}`;
  return `data:image/png;base64,${base64(picture.png)}`;
}

type MissingPicture = "later" | "being_drawn";

const MISSING_PICTURE: Record<MissingPicture | "failed", string> = {
  later: "The picture is drawn when a version is created. The table in this section gives the same content.",
  being_drawn: "The picture is being drawn and appears here when it is ready. The table in this section gives the same content.",
  failed: "Picture not available: the diagram could not be drawn for this version. The table in this section gives the same content.",
};

/**
 * The box of a table or picture wider than a narrow screen, which scrolls sideways in it: a region named
 * by its caption (`labelledBy`, else `label`) that the keyboard can scroll. Printed, nothing scrolls.
 */
function ScrollBox({
  className,
  labelledBy,
  label,
  boxRef,
  children,
}: {
  className: string;
  labelledBy?: string;
  label?: string;
  boxRef?: RefObject<HTMLDivElement>;
  children: ReactNode;
}) {
  return (
    <div ref={boxRef} className={className} role="region" tabIndex={0} aria-labelledby={labelledBy} aria-label={labelledBy ? undefined : label}>
      {children}
    </div>
  );
}

/** A picture wider than this (CSS pixels) scrolls sideways on a phone, and says so. */
const WIDER_THAN_A_PHONE = 360;

function PictureFigure({
  picture,
  caption,
  alt,
  later,
  ownPage,
}: {
  picture: Picture | undefined;
  caption: string;
  alt: string;
  later?: MissingPicture;
  ownPage?: boolean;
}) {
  const captionId = useId();
  return (
    <figure className={`proposal-figure${picture && ownPage ? " proposal-figure--page" : ""}`}>
      {picture ? (
        // On a phone a picture keeps a size its words can be read at, and scrolls sideways in its box.
        <ScrollBox className="proposal-figure__box" labelledBy={caption ? captionId : undefined} label={clean(alt)}>
          <p className="proposal-figure__hint" aria-hidden="true" data-wide={picture.width > WIDER_THAN_A_PHONE ? "" : undefined}>
            Scroll sideways to see the whole picture →
          </p>
          <img src={pictureSrc(picture)} alt={clean(alt)} width={picture.width} height={picture.height} />
        </ScrollBox>
      ) : (
        <p className="proposal-figure__missing">{MISSING_PICTURE[later ?? "failed"]}</p>
      )}
      {caption ? <figcaption id={captionId}>{clean(caption)}</figcaption> : null}
    </figure>
  );
}

/** Said above a table wider than its box (on a phone): it scrolls sideways. Kept in view as it scrolls. */
function ColumnsHint() {
  return (
    <p className="proposal-table__hint" aria-hidden="true" data-scroll-hint>
      Scroll sideways to see every column →
    </p>
  );
}

function DataTable({ block }: { block: Extract<Block, { type: "table" }> }) {
  const captionId = useId();
  // On a phone a table wider than the page scrolls sideways in its box, and says so, as a picture does
  // (measured in the browser: the printed document never scrolls).
  const box = useRef<HTMLDivElement>(null);
  const wider = useWiderThanBox(box);
  return (
    <ScrollBox
      className={block.print?.whole ? "proposal-table-wrap proposal-table-wrap--whole" : "proposal-table-wrap"}
      labelledBy={block.caption ? captionId : undefined}
      label={clean(block.columns.join(", "))}
      boxRef={box}
    >
      {wider ? <ColumnsHint /> : null}
      <table className="proposal-table">
        {block.caption ? <caption id={captionId}>{clean(block.caption)}</caption> : null}
        <thead>
          <tr>
            {block.columns.map((column, c) => (
              <th key={c} scope="col" className={block.numeric?.[c] ? "num" : undefined}>
                {clean(column)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {block.rows.map((row, r) => (
            <tr key={r}>
              {block.columns.map((_, c) => (
                <td key={c} className={block.numeric?.[c] ? "num" : undefined}>
                  {clean(row[c] ?? "")}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
}

/** More columns than this, and the workplan's table narrows its item column, as the Word document does. */
const MANY_COLUMNS = 15;

function GanttTable({ block }: { block: Extract<Block, { type: "gantt" }> }) {
  const captionId = useId();
  // Its months run past a phone's width as soon as a plan has more than a few: it says so, as a wide table does.
  const box = useRef<HTMLDivElement>(null);
  const wider = useWiderThanBox(box);
  return (
    <ScrollBox
      className="proposal-table-wrap proposal-table-wrap--gantt"
      labelledBy={block.caption ? captionId : undefined}
      label="Workplan by month"
      boxRef={box}
    >
      {wider ? <ColumnsHint /> : null}
      {/* Many columns (a five-year plan's quarters): a narrower item column and smaller labels, so that "2027" stays whole. */}
      <table className={block.months.length > MANY_COLUMNS ? "proposal-table proposal-gantt proposal-gantt--many" : "proposal-table proposal-gantt"}>
        {block.caption ? <caption id={captionId}>{clean(block.caption)}</caption> : null}
        <thead>
          <tr>
            <th scope="col" className="proposal-gantt__item">
              Activity
            </th>
            {block.months.map((month, i) => (
              <th scope="col" key={i} className="proposal-gantt__month">
                {/* "Jan 2026" on two lines in every column, not only in those too narrow for one. */}
                {clean(block.monthLabels[i] ?? month)
                  .split(/\s+/)
                  .map((part, p) => (
                    <span key={p} className="proposal-gantt__month-part">
                      {p > 0 ? " " : ""}
                      {part}
                    </span>
                  ))}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {block.rows.map((row, r) => (
            <tr key={r}>
              <th scope="row" className="proposal-gantt__item">
                <span className="proposal-gantt__label">{clean(row.label)}</span>
                <span className="proposal-gantt__dates">
                  {row.start === row.end || !row.end ? formatShortDate(row.start) : `${formatShortDate(row.start)} – ${formatShortDate(row.end)}`}
                </span>
              </th>
              {block.months.map((_, i) => {
                const cell = row.cells[i] ?? "";
                return (
                  <td key={i} className={cell ? `proposal-gantt__cell proposal-gantt__cell--${cell}` : "proposal-gantt__cell"}>
                    {cell === "active" ? (
                      <>
                        <span aria-hidden="true">■</span>
                        <span className="visually-hidden">{GANTT_CELL_WORDS.active}</span>
                      </>
                    ) : cell === "marker" ? (
                      <>
                        <span aria-hidden="true">◆</span>
                        <span className="visually-hidden">{GANTT_CELL_WORDS.marker}</span>
                      </>
                    ) : null}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="proposal-gantt__legend">
        <span aria-hidden="true">■</span> {ganttLegend(block).active} <span aria-hidden="true">◆</span> {ganttLegend(block).marker}
      </p>
    </ScrollBox>
  );
}

/**
 * A block as staff read it in the live draft or a version page: an internal block is set apart and
 * says that the partner does not see it (docs/domain.md §9.4). In an edition (the partner version,
 * the internal briefing) the content was already cut for its reader.
 */
function BlockView({ block, pictures, marked, picturesLater }: { block: Block; pictures: Pictures; marked: boolean; picturesLater?: MissingPicture }) {
  const body = <BlockBodyView block={block} pictures={pictures} picturesLater={picturesLater} />;
  return marked && block.audience === "internal" ? <Internal>{body}</Internal> : body;
}

/** What the partner does not see, set apart on staff's pages with the words that say so. */
function Internal({ children }: { children: ReactNode }) {
  return (
    <div className="proposal-internal" data-audience="internal">
      <p className="proposal-internal__label">Internal — not in the partner version</p>
      {children}
    </div>
  );
}

/** A block as printed: its print mark (withPrintMarks) keeps a sentence with what it leads into, a note with its table. */
function BlockBodyView({ block, pictures, picturesLater }: { block: Block; pictures: Pictures; picturesLater?: MissingPicture }) {
  switch (block.type) {
    case "paragraph":
      return (
        <p
          className={block.tone ? `proposal-p proposal-p--${block.tone}` : "proposal-p"}
          data-leads-in={block.print?.leadsIn ? "" : undefined}
          data-explains-previous={block.print?.explainsPrevious ? "" : undefined}
        >
          {clean(block.text)}
        </p>
      );
    case "bullets":
      return (
        <ul className="proposal-list">
          {block.items.map((item, i) => (
            <li key={i}>{clean(item)}</li>
          ))}
        </ul>
      );
    case "numbered":
      return (
        <ol className="proposal-list">
          {block.items.map((item, i) => (
            <li key={i}>{clean(item)}</li>
          ))}
        </ol>
      );
    case "facts":
      return (
        <dl className="proposal-facts">
          {block.rows.map(([label, value], i) => (
            <div key={i} className="proposal-facts__row">
              <dt>{clean(label)}</dt>
              <dd>{clean(value)}</dd>
            </div>
          ))}
        </dl>
      );
    case "table":
      return <DataTable block={block} />;
    case "gantt":
      return <GanttTable block={block} />;
    case "picture":
      return <PictureFigure picture={pictures[block.picture]} caption={block.caption} alt={block.alt} later={picturesLater} ownPage={block.print?.ownPage} />;
    case "todo":
      return (
        <p className="proposal-todo" role="note">
          <strong>To be completed:</strong> {clean(block.text)}
        </p>
      );
    case "quote":
      return (
        <figure className="proposal-quote">
          <blockquote>
            <p>{clean(block.text)}</p>
          </blockquote>
          {block.source ? (
            <figcaption>
              — {clean(block.source)}
              {block.refs?.length ? ` ${citationMarks(block.refs)}` : null}
            </figcaption>
          ) : null}
        </figure>
      );
    case "references":
      return (
        <ol className="proposal-references">
          {block.items.map((r) => (
            <li key={r.number} id={`reference-${r.number}`}>
              <span className="proposal-references__number">[{r.number}]</span> {clean(referenceText(r))}{" "}
              <a href={r.url} rel="noopener noreferrer nofollow" className="proposal-references__url">
                {clean(r.url)}
              </a>
            </li>
          ))}
        </ol>
      );
    case "rich":
      return <RichParts parts={block.parts} />;
  }
}

/** A manager's own words: paragraphs and lists, bold, italic and web links (docs/domain.md §9.6). Text is escaped like any other. */
export function RichParts({ parts }: { parts: RichPart[] }) {
  const line = (runs: RichRun[]) =>
    runs.map((run, i) => {
      let node: ReactNode = clean(run.text);
      if (run.italic) node = <em>{node}</em>;
      if (run.bold) node = <strong>{node}</strong>;
      if (run.href)
        node = (
          <a href={run.href} rel="noopener noreferrer nofollow">
            {node}
          </a>
        );
      return <Fragment key={i}>{node}</Fragment>;
    });
  return (
    <div className="proposal-rich">
      {parts.map((part, i) =>
        part.kind === "paragraph" ? (
          <p key={i}>{line(part.runs)}</p>
        ) : part.kind === "bullets" ? (
          <ul key={i}>
            {part.items.map((item, j) => (
              <li key={j}>{line(item)}</li>
            ))}
          </ul>
        ) : (
          <ol key={i}>
            {part.items.map((item, j) => (
              <li key={j}>{line(item)}</li>
            ))}
          </ol>
        )
      )}
    </div>
  );
}

/** When the partner accepted, to the minute, in UTC: "3 December 2026, 14:05 UTC". */
export function acceptedAtText(at: string): string {
  return formatDateTime(at);
}

/** Our party's name in the signature block: the profile frozen with the version, else the generic one of older versions. */
export function ourParty(content: ProposalContent): string {
  return clean(ourName(content.proposer));
}

/** The two parties who sign the agreement: our signatory and the partner's executive sponsor (docs/domain.md §9.9). */
function PartySignatures({ content, approval }: { content: ProposalContent; approval: ApprovalState }) {
  const ours = ourSignature(content, approval);
  const theirs = partnerSignature(content, approval.acceptance);
  return (
    <table className="proposal-table proposal-signatures">
      <caption>Signatures of the parties</caption>
      <colgroup>
        <col style={{ width: "26%" }} />
        <col style={{ width: "30%" }} />
        <col style={{ width: "28%" }} />
        <col style={{ width: "16%" }} />
      </colgroup>
      <thead>
        <tr>
          <th scope="col">Party</th>
          <th scope="col">Name and title</th>
          <th scope="col">Signature</th>
          <th scope="col">Date</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row">For {ourParty(content)}</th>
          <td className="proposal-signatures__line">{clean(ours.name)}</td>
          <td className="proposal-signatures__line">{clean(ours.signature)}</td>
          <td className="proposal-signatures__line">{clean(ours.date)}</td>
        </tr>
        <tr>
          <th scope="row">For {clean(content.partnerName)}</th>
          <td className="proposal-signatures__line">{clean(theirs.name)}</td>
          <td className="proposal-signatures__line">{clean(theirs.signature)}</td>
          <td className="proposal-signatures__line">{clean(theirs.date)}</td>
        </tr>
      </tbody>
    </table>
  );
}

/** The partner's electronic acceptance, as recorded (docs/domain.md §9.9). */
export function AcceptanceRecordView({ acceptance, partnerName }: { acceptance: AcceptanceRecord; partnerName: string }) {
  return (
    <div className="proposal-acceptance">
      <h3>Electronic acceptance record</h3>
      <dl className="proposal-facts">
        <div className="proposal-facts__row">
          <dt>Accepted for</dt>
          <dd>{clean(partnerName)}</dd>
        </div>
        <div className="proposal-facts__row">
          <dt>Signed by</dt>
          <dd>
            {acceptance.signerName ? clean([acceptance.signerName, acceptance.signerTitle].filter(Boolean).join(", ")) : clean(acceptance.account)}
            {acceptance.signerName ? ` (signed in as ${clean(acceptance.account)})` : null}
          </dd>
        </div>
        <div className="proposal-facts__row">
          <dt>Time</dt>
          <dd>{acceptedAtText(acceptance.at)}</dd>
        </div>
        {acceptance.option ? (
          <div className="proposal-facts__row">
            <dt>Option accepted</dt>
            <dd>{clean(acceptance.option)}</dd>
          </div>
        ) : null}
        {acceptance.fingerprint ? (
          <div className="proposal-facts__row">
            <dt>Fingerprint of the version (SHA-256)</dt>
            <dd className="proposal-fingerprint">{fingerprintText(acceptance.fingerprint)}</dd>
          </div>
        ) : null}
      </dl>
    </div>
  );
}

/**
 * Leadership's approval of the resourcing: each leader's own decision, date and, for us, conditions.
 * The conditions are ours (docs/domain.md §9.4): on staff's pages (`marked`) they are set apart as
 * internal, as every internal block is; the internal briefing is internal throughout.
 */
function ApproversList({
  approval,
  proposer,
  marked,
}: {
  approval: Extract<ApprovalState, { status: "approved" }>;
  proposer: ProposalContent["proposer"];
  marked: boolean;
}) {
  const withConditions = approval.approvers.some((a) => a.conditions);
  const inTable = withConditions && !marked;
  return (
    <>
      <table className="proposal-table proposal-approvers">
        <caption>{clean(approversCaption(proposer, approval.approvers.length))}</caption>
        <thead>
          <tr>
            <th scope="col">Leader</th>
            <th scope="col">Decision</th>
            <th scope="col">Date</th>
            {inTable ? <th scope="col">Conditions</th> : null}
          </tr>
        </thead>
        <tbody>
          {approval.approvers.map((approver, i) => (
            <tr key={i}>
              <td>{clean(approver.name)}</td>
              <td>{approverDecisionLabel(approver)}</td>
              <td>{formatDate(approver.at)}</td>
              {inTable ? <td>{approver.conditions ? clean(approver.conditions) : "None"}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
      {withConditions && marked ? (
        <Internal>
          <table className="proposal-table proposal-approvers" data-approval-conditions>
            <caption>Leadership's conditions</caption>
            <thead>
              <tr>
                <th scope="col">Leader</th>
                <th scope="col">Conditions</th>
              </tr>
            </thead>
            <tbody>
              {approval.approvers
                .filter((approver) => approver.conditions)
                .map((approver, i) => (
                  <tr key={i}>
                    <td>{clean(approver.name)}</td>
                    <td>{clean(approver.conditions!)}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </Internal>
      ) : null}
    </>
  );
}

function ApprovalBlock({ content, approval }: { content: ProposalContent; approval: ApprovalState }) {
  const proposer = content.proposer;
  return (
    <section className="proposal-section proposal-approval" id="approval" aria-labelledby="approval-title">
      <h2 id="approval-title">Approval</h2>
      {approval.status === "draft" ? (
        <p className="proposal-p">{clean(draftApprovalNote(approval, content))}</p>
      ) : (
        <p className="proposal-p">
          <strong>{decisionLabel(approval)}</strong> — {clean(content.versionLabel)} of this proposal.
        </p>
      )}
      <PartySignatures content={content} approval={approval} />
      {approval.acceptance ? <AcceptanceRecordView acceptance={approval.acceptance} partnerName={content.partnerName} /> : null}
      {approval.status === "approved" ? <ApproversList approval={approval} proposer={proposer} marked={!content.edition} /> : null}
      {proposer && (proposer.address || proposer.legalFooter || contactText(proposer) || validityText(content, approval)) ? (
        <footer className="proposal-legal">
          <p className="proposal-legal__name">{clean(proposer.name)}</p>
          {proposer.address ? <p className="proposal-legal__address">{clean(proposer.address)}</p> : null}
          {contactText(proposer) ? <p>Contact: {clean(contactText(proposer)!)}</p> : null}
          {proposer.legalFooter ? <p className="proposal-legal__footer">{clean(proposer.legalFooter)}</p> : null}
          {validityText(content, approval) ? <p className="proposal-legal__footer">{validityText(content, approval)}</p> : null}
        </footer>
      ) : null}
    </section>
  );
}

export function ProposalDocument({ content, pictures, approval, mode, sectionTools, sectionEnd, picturesLater, markEndOf }: ProposalDocumentProps) {
  const draft = approval.status === "draft";
  // The brand colour only as a validated #rrggbb: it reaches a style attribute.
  const brand = content.proposer && BRAND_COLOUR_PATTERN.test(content.proposer.brandColour) ? content.proposer.brandColour : null;
  // The document's title heads the printed document, where it is the outline's top; on a page, whose own
  // heading is its one h1, the document sits below it, its title beside its sections.
  const Title = mode === "print" ? "h1" : "h2";
  return (
    <article
      className={`proposal proposal--${mode}${draft ? " proposal--draft" : ""}`}
      lang="en-GB"
      aria-label={clean(content.title)}
      style={brand ? ({ "--proposal-brand": brand } as CSSProperties) : undefined}
    >
      {draft ? (
        <div className="proposal-watermark" aria-hidden="true">
          {draftWatermark(approval, content)}
        </div>
      ) : null}
      <header className="proposal-cover">
        {draft ? (
          <p className="proposal-draft-mark">
            <strong>{draftMarking(approval, content)}</strong>
            <span> {clean(draftNote(approval, content))}</span>
          </p>
        ) : (
          <p className="proposal-approved-mark">{decisionLabel(approval)}</p>
        )}
        {content.proposer?.logo ? (
          <p className="proposal-cover__logo">
            <img src={content.proposer.logo.dataUri} alt={clean(content.proposer.name)} />
          </p>
        ) : null}
        <p className="proposal-cover__kicker">Partnership proposal</p>
        <Title className="proposal-cover__title">{clean(content.title)}</Title>
        {content.subtitle ? <p className="proposal-cover__subtitle">{clean(content.subtitle)}</p> : null}
        <dl className="proposal-cover__meta">
          {content.proposer ? (
            <div>
              <dt>Proposed by</dt>
              <dd>{clean(content.proposer.name)}</dd>
            </div>
          ) : null}
          {content.proposer && contactText(content.proposer) ? (
            <div>
              <dt>Contact</dt>
              <dd>{clean(contactText(content.proposer)!)}</dd>
            </div>
          ) : null}
          <div>
            <dt>Prepared for</dt>
            <dd>{clean(content.partnerName)}</dd>
          </div>
          {content.addressee ? (
            <div>
              <dt>Addressed to</dt>
              <dd>{clean(addresseeText(content.addressee))}</dd>
            </div>
          ) : null}
          <div>
            <dt>Version</dt>
            <dd>{clean(content.versionLabel)}</dd>
          </div>
          <div>
            <dt>Date</dt>
            <dd>{formatDate(clean(content.date))}</dd>
          </div>
          {validUntil(content, approval) ? (
            <div>
              <dt>Valid until</dt>
              <dd>{formatDate(validUntil(content, approval)!)}</dd>
            </div>
          ) : null}
          <div>
            <dt>Status</dt>
            <dd>{decisionLabel(approval, content)}</dd>
          </div>
          {content.edition ? (
            <div>
              <dt>Edition</dt>
              <dd className={content.edition === "internal" ? "proposal-cover__internal" : undefined}>{EDITION_LABELS[content.edition]}</dd>
            </div>
          ) : null}
        </dl>
      </header>

      <nav className="proposal-toc" aria-labelledby="proposal-toc-title">
        <h2 id="proposal-toc-title">Contents</h2>
        <ol>
          {content.sections.map((section, i) => (
            <li key={i}>
              <a href={`#${sectionMark(i)}`}>
                <span className="proposal-toc__num">{sectionNumber(i)}</span> {clean(section.title)}
              </a>
              {section.subsections?.length ? (
                <ol>
                  {section.subsections.map((sub, j) => (
                    <li key={j}>
                      <a href={`#section-${i + 1}-${j + 1}`}>
                        <span className="proposal-toc__num">{sectionNumber(i, j)}</span> {clean(sub.title)}
                      </a>
                    </li>
                  ))}
                </ol>
              ) : null}
            </li>
          ))}
          <li>
            <a href="#approval">
              <span className="proposal-toc__num" /> Approval
            </a>
          </li>
        </ol>
      </nav>

      {content.sections.map((section, i) => (
        <section key={i} className="proposal-section" id={sectionMark(i)} aria-labelledby={`section-${i + 1}-title`}>
          <h2 id={`section-${i + 1}-title`}>
            <span className="proposal-num">{sectionNumber(i)}</span> {clean(section.title)}
          </h2>
          {section.blocks.map((block, b) => (
            <BlockView key={b} block={block} pictures={pictures} marked={!content.edition} picturesLater={picturesLater} />
          ))}
          {sectionTools ? sectionTools(section) : null}
          {section.subsections?.map((sub, j) => (
            <section key={j} className="proposal-subsection" id={`section-${i + 1}-${j + 1}`}>
              <h3>
                <span className="proposal-num">{sectionNumber(i, j)}</span> {clean(sub.title)}
              </h3>
              {sub.blocks.map((block, b) => (
                <BlockView key={b} block={block} pictures={pictures} marked={!content.edition} picturesLater={picturesLater} />
              ))}
            </section>
          ))}
          {sectionEnd ? sectionEnd(section) : null}
          {i === markEndOf ? (
            // A link to itself, empty and hidden from readers: the PDF records the place of a link's target, and only the PDF reads it.
            // eslint-disable-next-line jsx-a11y/anchor-has-content
            <a id={sectionEndMark(i)} href={`#${sectionEndMark(i)}`} className="proposal-end-mark" aria-hidden="true" tabIndex={-1} />
          ) : null}
        </section>
      ))}

      <ApprovalBlock content={content} approval={approval} />
    </article>
  );
}
