import type { ApprovalState, Block, ProposalContent } from "~/domain/proposal-content";

/**
 * A realistic proposal with every block type, shaped like the one the app builds: thirteen
 * sections, a driver diagram and a timeline as pictures and as tables, a gantt with learning
 * sessions, staffing and budget tables, and two things still to be completed. For renderer tests.
 */

export const SAMPLE_AIM = "Reduce inpatient falls with harm by 30% across the 12 acute medical wards of Northbridge Health by 31 December 2027.";
export const SAMPLE_METHOD = "Breakthrough Series Collaborative";
export const SAMPLE_STAFF_ROLES = ["Faculty chair", "Improvement advisor", "Data lead", "Programme manager", "Content faculty"];

export const SAMPLE_SECTION_TITLES = [
  "Executive summary",
  "Context and needs",
  "Aims",
  "Approach and rationale",
  "Theory of change",
  "Measurement plan",
  "Workplan and timeline",
  "Governance",
  "Roles and resourcing",
  "Capability building and sustainability",
  "Budget",
  "Assumptions and risks",
  "Next steps and approval",
];

export const SAMPLE_DRIVER_DIAGRAM_SOURCE = `flowchart LR
  aim["Aim<br/>Reduce inpatient falls with<br/>harm by 30% across 12<br/>acute medical wards by<br/>December 2027<br/>▸ 1 outcome measure"]
  p1["Reliable falls risk<br/>assessment on admission<br/>▸ 1 process measure"]
  p2["Safe ward environment"]
  p3["Patients and families as<br/>partners in safety"]
  s1("Multifactorial risk<br/>assessment within 24 h")
  s2("Lying and standing blood<br/>pressure recorded")
  s3("Clutter-free bays and<br/>call bells in reach")
  s4("Shared safety plan at<br/>the bedside")
  c1(["Falls safety huddle at<br/>each shift change"])
  c2(["Bedside mobility aids<br/>check"])
  c3(["'Call, don't fall' family<br/>leaflet<br/>◇ assumption"])
  aim --> p1
  aim --> p2
  aim --> p3
  p1 --> s1
  p1 --> s2
  p2 --> s3
  p3 --> s4
  p2 -.-> s4
  s1 --> c1
  s3 --> c2
  s4 --> c3
`;

export const SAMPLE_TIMELINE_SOURCE = `gantt
    accTitle: Timeline of the Breakthrough Series Collaborative
    accDescr: 10 items from 5 Jan 2026 to 18 Dec 2026
    dateFormat YYYY-MM-DD
    axisFormat %b %Y
    todayMarker off
    section Preparation
    Prework and team formation :crit, t1, 2026-01-05, 56d
    section Learning system
    Learning Session 1 :crit, milestone, t2, 2026-03-03, 0d
    Action period 1 :crit, t3, 2026-03-04, 91d
    Learning Session 2 :crit, milestone, t4, 2026-06-09, 0d
    Action period 2 :crit, t5, 2026-06-10, 98d
    Learning Session 3 :crit, milestone, t6, 2026-09-22, 0d
    Action period 3 :crit, t7, 2026-09-23, 70d
    section Measurement
    Monthly data review (monthly) :t8, 2026-02-02, 315d
    section Close
    Summative congress :milestone, t9, 2026-12-08, 0d
    Holding the gains plan :t10, 2026-12-01, 18d
`;

const MONTHS = ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11", "2026-12"];
const MONTH_LABELS = [
  "Jan 2026",
  "Feb 2026",
  "Mar 2026",
  "Apr 2026",
  "May 2026",
  "Jun 2026",
  "Jul 2026",
  "Aug 2026",
  "Sep 2026",
  "Oct 2026",
  "Nov 2026",
  "Dec 2026",
];

type Cell = "active" | "marker" | "";
function cells(active: [number, number] | null, markers: number[] = []): Cell[] {
  return MONTHS.map((_, i) => (markers.includes(i) ? "marker" : active && i >= active[0] && i <= active[1] ? "active" : ""));
}

const GANTT: Block = {
  type: "gantt",
  caption: "Timeline by month (■ active, ◆ learning session or milestone)",
  months: MONTHS,
  monthLabels: MONTH_LABELS,
  rows: [
    { label: "Prework and team formation", kind: "phase", start: "2026-01-05", end: "2026-03-01", cells: cells([0, 2]) },
    { label: "Learning Session 1", kind: "event", start: "2026-03-03", end: "2026-03-04", cells: cells(null, [2]) },
    { label: "Action period 1", kind: "phase", start: "2026-03-04", end: "2026-06-02", cells: cells([2, 5]) },
    { label: "Learning Session 2", kind: "event", start: "2026-06-09", end: "2026-06-10", cells: cells(null, [5]) },
    { label: "Action period 2", kind: "phase", start: "2026-06-10", end: "2026-09-15", cells: cells([5, 8]) },
    { label: "Learning Session 3", kind: "event", start: "2026-09-22", end: "2026-09-23", cells: cells(null, [8]) },
    { label: "Action period 3", kind: "phase", start: "2026-09-23", end: "2026-12-01", cells: cells([8, 11]) },
    { label: "Monthly data review", kind: "event", start: "2026-02-02", end: "2026-12-14", cells: cells([1, 11]) },
    { label: "Summative congress", kind: "milestone", start: "2026-12-08", end: "2026-12-08", cells: cells(null, [11]) },
  ],
};

export function sampleProposal(overrides: Partial<ProposalContent> = {}): ProposalContent {
  return {
    title: "Safer wards: reducing inpatient falls",
    subtitle: "A proposal for a Breakthrough Series Collaborative",
    partnerName: "Northbridge Health",
    versionLabel: "Version 3",
    date: "2026-11-20",
    missing: [
      { section: "Governance", item: "The name of the executive sponsor" },
      { section: "Budget", item: "Travel costs for the learning sessions" },
    ],
    pictureSources: { "driver-diagram": SAMPLE_DRIVER_DIAGRAM_SOURCE, timeline: SAMPLE_TIMELINE_SOURCE },
    sections: [
      {
        key: "executive-summary",
        title: "Executive summary",
        blocks: [
          {
            type: "paragraph",
            tone: "lead",
            text: "Northbridge Health and the Institute will run a twelve-month Breakthrough Series Collaborative with the 12 acute medical wards, to make falls with harm rare and to leave the organisation able to run the next collaborative itself.",
          },
          {
            type: "facts",
            rows: [
              ["Aim", SAMPLE_AIM],
              ["Method", SAMPLE_METHOD],
              ["Duration", "12 months, January to December 2026"],
              ["Scale", "12 wards, about 360 beds, 3 sites"],
              ["Headline resourcing", "1.9 FTE from the Institute at the peak; 0.3 FTE project lead per ward"],
            ],
          },
        ],
      },
      {
        key: "context",
        title: "Context and needs",
        blocks: [
          {
            type: "paragraph",
            text: "Northbridge Health is an integrated health system serving 640,000 people across three acute sites and a community network. Falls are the most frequently reported patient safety incident on its medical wards; the board made them a priority for 2026 after two years in which falls with harm did not fall.",
          },
          {
            type: "table",
            caption: "Baseline: falls on the 12 medical wards, last 12 months",
            columns: ["Measure", "Value", "Per 1,000 bed days"],
            numeric: [false, true, true],
            rows: [
              ["Falls (all)", "1,184", "7.9"],
              ["Falls with moderate harm or worse", "62", "0.41"],
              ["Hip fractures after a fall", "9", "0.06"],
            ],
          },
          {
            type: "quote",
            text: "We have tried posters and a new form. What we have not done is give the wards time and a method to learn from each other.",
            source: "Chief Nursing Officer, Northbridge Health",
          },
        ],
      },
      {
        key: "aims",
        title: "Aims",
        blocks: [
          { type: "paragraph", tone: "lead", text: SAMPLE_AIM },
          {
            type: "bullets",
            items: [
              "80% of wards reach 4 or more on the collaborative assessment scale by month 10.",
              "Every ward completes a multifactorial risk assessment for 95% of patients aged 65 and over within 24 hours.",
              "A cadre of 12 improvement coaches, one per ward, able to lead the spread to surgical wards in 2027.",
            ],
          },
        ],
      },
      {
        key: "approach",
        title: "Approach and rationale",
        blocks: [
          {
            type: "paragraph",
            text: `We recommend a ${SAMPLE_METHOD}. The evidence for the change package is strong, the wards share a common problem, and twelve teams are enough to learn from each other without losing the personal contact of faculty coaching.`,
          },
          {
            type: "numbered",
            items: [
              "Degree of belief in the change package: high — multifactorial interventions are well evidenced.",
              "Number of sites: 12 wards on 3 sites, well within the 10–100 teams a collaborative serves.",
              "Time horizon: 12 months fits three learning sessions and action periods.",
              "Leadership: the Chief Nursing Officer sponsors the work and the board reviews it quarterly.",
            ],
          },
        ],
      },
      {
        key: "theory-of-change",
        title: "Theory of change",
        blocks: [
          { type: "paragraph", text: "The driver diagram shows what we believe must change to reach the aim, and the ideas the wards will test first." },
          {
            type: "picture",
            picture: "driver-diagram",
            caption: "Figure 1. Driver diagram",
            alt: "Driver diagram: the aim, three primary drivers, four secondary drivers and three change ideas.",
          },
        ],
        subsections: [
          {
            title: "Drivers and change ideas",
            blocks: [
              {
                type: "table",
                caption: "The driver diagram as a table",
                columns: ["Primary driver", "Secondary driver", "Change ideas"],
                rows: [
                  ["Reliable falls risk assessment on admission", "Multifactorial risk assessment within 24 h", "Falls safety huddle at each shift change"],
                  ["Reliable falls risk assessment on admission", "Lying and standing blood pressure recorded", "—"],
                  ["Safe ward environment", "Clutter-free bays and call bells in reach", "Bedside mobility aids check"],
                  ["Patients and families as partners in safety", "Shared safety plan at the bedside", "'Call, don't fall' family leaflet (assumption)"],
                ],
              },
            ],
          },
        ],
      },
      {
        key: "measurement",
        title: "Measurement plan",
        blocks: [
          {
            type: "paragraph",
            text: "Each ward reports its measures monthly; the data lead builds run charts for the teams and a dashboard for the steering group.",
          },
          {
            type: "table",
            caption: "Family of measures",
            columns: ["Measure", "Kind", "Operational definition", "Baseline", "Target"],
            numeric: [false, false, false, true, true],
            rows: [
              [
                "Falls with harm per 1,000 bed days",
                "Outcome",
                "Falls graded moderate harm or worse, from the incident system, divided by occupied bed days × 1,000",
                "0.41",
                "0.29",
              ],
              [
                "Risk assessment within 24 h",
                "Process",
                "Patients aged 65+ with a completed multifactorial assessment within 24 h of admission, monthly audit of 20 notes per ward",
                "58%",
                "95%",
              ],
              ["Lying and standing BP recorded", "Process", "Same audit sample: both readings documented", "31%", "90%"],
              ["Use of bed rails", "Balancing", "Patients with bed rails raised at the 10:00 spot check", "12%", "≤ 12%"],
            ],
          },
        ],
      },
      {
        key: "workplan",
        title: "Workplan and timeline",
        blocks: [
          {
            type: "paragraph",
            text: "The collaborative follows the usual rhythm: prework, then three learning sessions, each followed by an action period in which the wards test changes and report monthly.",
          },
          { type: "picture", picture: "timeline", caption: "Figure 2. Timeline", alt: "Gantt chart of the collaborative from January to December 2026." },
          GANTT,
        ],
      },
      {
        key: "governance",
        title: "Governance",
        blocks: [
          {
            type: "paragraph",
            text: "A steering group chaired by the Chief Nursing Officer meets monthly and reports to the Quality Committee of the board each quarter. The faculty chair and the Northbridge programme lead attend.",
          },
          { type: "todo", text: "The name of the executive sponsor" },
        ],
      },
      {
        key: "resourcing",
        title: "Roles and resourcing",
        blocks: [
          {
            type: "table",
            caption: "Institute staffing",
            columns: ["Role", "Person", "FTE", "Days", "Months"],
            numeric: [false, false, true, true, false],
            rows: [
              ["Faculty chair", "Dr Amira Okafor", "0.2", "44", "Jan–Dec 2026"],
              ["Improvement advisor", "Tomás Reyes", "0.6", "132", "Jan–Dec 2026"],
              ["Data lead", "Priya Natarajan", "0.4", "88", "Jan–Dec 2026"],
              ["Programme manager", "Hannah Lindqvist", "0.5", "110", "Jan–Dec 2026"],
              ["Content faculty", "Two named faculty", "0.2", "44", "Mar–Oct 2026"],
            ],
          },
          {
            type: "bullets",
            items: [
              "Northbridge: a senior sponsor, a programme lead (0.5 FTE) and a data analyst (0.4 FTE).",
              "Each ward: a project lead for 20–40% of their time, and a multidisciplinary team of 6 to 10.",
            ],
          },
        ],
      },
      {
        key: "capability",
        title: "Capability building and sustainability",
        blocks: [
          {
            type: "paragraph",
            text: "Twelve ward coaches join the Institute's improvement coach programme alongside the collaborative, so that Northbridge can run the spread to surgical wards in 2027 with light support.",
          },
          {
            type: "bullets",
            items: [
              "Board session on improvement science in month 1.",
              "Improvement coach programme: 12 weeks, months 2 to 5.",
              "Handover plan agreed at the summative congress.",
            ],
          },
        ],
      },
      {
        key: "budget",
        title: "Budget",
        blocks: [
          {
            type: "table",
            caption: "Fees (GBP)",
            columns: ["Item", "Quantity", "Unit cost", "Total"],
            numeric: [false, true, true, true],
            rows: [
              ["Faculty and advisor days", "418", "1,150", "480,700"],
              ["Learning sessions (3 × 2 days)", "3", "18,500", "55,500"],
              ["Measurement platform licences", "12", "1,200", "14,400"],
              ["Total", "", "", "550,600"],
            ],
          },
          { type: "todo", text: "Travel costs for the learning sessions" },
        ],
      },
      {
        key: "risks",
        title: "Assumptions and risks",
        blocks: [
          {
            type: "table",
            caption: "Risks and mitigations",
            columns: ["Risk", "Likelihood", "Mitigation"],
            rows: [
              ["Ward staff cannot be released for learning sessions", "Medium", "Dates agreed six months ahead; backfill funded from the programme budget"],
              ["Incident data are reported late", "Low", "Data lead reconciles monthly with the ward managers"],
              ["Winter pressures stall testing", "High", "Action period 3 plans small tests that fit a busy shift"],
            ],
          },
        ],
      },
      {
        key: "next-steps",
        title: "Next steps and approval",
        blocks: [
          {
            type: "numbered",
            items: ["Northbridge confirms the twelve wards and their project leads.", "Both parties sign this proposal.", "Prework starts on 5 January 2026."],
          },
        ],
      },
    ],
    ...overrides,
  };
}

export const DRAFT: ApprovalState = { status: "draft" };

export const APPROVED: ApprovalState = {
  status: "approved",
  decision: "approved_with_conditions",
  approvers: [
    // One leader approved as it stands, the other with a condition: each is printed as they decided.
    { name: "Dr Eleanor Whitfield", at: "2026-11-24", decision: "approved" },
    { name: "Marcus Oyelaran", at: "2026-11-25", decision: "approved_with_conditions", conditions: "Travel costs to be confirmed before Learning Session 1." },
  ],
  conditions: "Travel costs to be confirmed before Learning Session 1.",
};
