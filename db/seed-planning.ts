import { staff } from "./schema";
import type { Tx } from "../app/services/db.server";
import { addDays, addMonths, firstDayOf, type IsoDate, type Month } from "../app/domain/calendar";
import { insertOpenCollaborative } from "../app/models/open-collaboratives.server";
import { seedProfile } from "../app/models/organisation-profile.server";
import { DEMO_LOGO_PNG_BASE64 } from "./demo-logo";

/** About thirty people: the faculty, advisors and staff who carry engagements. Day rates are internal (USD). */
const ROSTER: { name: string; role: string; fte: number; dayRate: number; availableFrom?: string; availableTo?: string }[] = [
  { name: "Dr Amara Nwosu", role: "chair", fte: 0.4, dayRate: 2600 },
  { name: "Prof. James Whitfield", role: "chair", fte: 0.3, dayRate: 2500 },
  { name: "Dr Lena Sørensen", role: "faculty", fte: 0.6, dayRate: 1900 },
  { name: "Dr Rafael Ortega", role: "faculty", fte: 0.5, dayRate: 1850 },
  { name: "Grace Mbeki", role: "faculty", fte: 0.8, dayRate: 1800 },
  { name: "Dr Hiroshi Tanaka", role: "faculty", fte: 0.5, dayRate: 1900 },
  { name: "Siobhan Kelly", role: "faculty", fte: 0.6, dayRate: 1750 },
  { name: "Dr Marcus Bell", role: "faculty", fte: 0.4, dayRate: 1950, availableFrom: "2027-01" },
  { name: "Fatima Al-Sayed", role: "faculty", fte: 0.7, dayRate: 1800 },
  { name: "Dr Elena Petrova", role: "faculty", fte: 0.5, dayRate: 1850, availableTo: "2027-12" },
  { name: "Tom Richardson", role: "improvement_advisor", fte: 1.0, dayRate: 1400 },
  { name: "Aisha Khan", role: "improvement_advisor", fte: 1.0, dayRate: 1450 },
  { name: "Daniel Okoye", role: "improvement_advisor", fte: 0.8, dayRate: 1400 },
  { name: "Sarah Lindgren", role: "improvement_advisor", fte: 1.0, dayRate: 1350 },
  { name: "Mateo Fernández", role: "improvement_advisor", fte: 0.8, dayRate: 1400 },
  { name: "Priya Desai", role: "improvement_advisor", fte: 1.0, dayRate: 1500 },
  { name: "Owen Gallagher", role: "improvement_advisor", fte: 0.6, dayRate: 1300, availableFrom: "2027-04" },
  { name: "Nadia Haddad", role: "improvement_advisor", fte: 1.0, dayRate: 1400 },
  { name: "Catherine Moore", role: "programme_director", fte: 1.0, dayRate: 1600 },
  { name: "Kwame Asante", role: "programme_director", fte: 1.0, dayRate: 1550 },
  { name: "Ingrid Vos", role: "programme_director", fte: 0.8, dayRate: 1500 },
  { name: "Ben Carter", role: "project_manager", fte: 1.0, dayRate: 900 },
  { name: "Lucía Romero", role: "project_manager", fte: 1.0, dayRate: 950 },
  { name: "Jonas Weber", role: "project_manager", fte: 0.8, dayRate: 900 },
  { name: "Mei Chen", role: "project_manager", fte: 1.0, dayRate: 925 },
  { name: "Ravi Patel", role: "data_analyst", fte: 1.0, dayRate: 1000 },
  { name: "Emily Brooks", role: "data_analyst", fte: 0.8, dayRate: 1050 },
  { name: "Yusuf Demir", role: "data_analyst", fte: 1.0, dayRate: 1000 },
  { name: "Hannah Schultz", role: "campaign_lead", fte: 1.0, dayRate: 1300 },
  { name: "Luca Romano", role: "campaign_lead", fte: 0.8, dayRate: 1250 },
];

export function seedRoster(tx: Tx) {
  for (const person of ROSTER) tx.insert(staff).values(person).run();
}

/** The first Tuesday on or after a date: learning sessions fall on weekdays. */
function tuesdayFrom(date: IsoDate): IsoDate {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addDays(date, (2 - day + 7) % 7);
}

/** Our own organisation in the demo: its profile, and the host of the open collaborative it runs. */
const DEMO_ORGANISATION_NAME = "Northbridge Institute for Health Improvement";

/**
 * Open collaboratives a small request can join, fictional, with their next learning sessions a few
 * months apart from `month` on (so that the demo always has sessions to come).
 */
export function seedOpenCollaboratives(tx: Tx, month: Month) {
  const from = firstDayOf(month);
  const sessions = (...monthsAhead: number[]) => monthsAhead.map((m) => tuesdayFrom(addDays(addMonths(from, m), 9)));
  const entries = [
    // Run by our own organisation: the one the demo's profile names.
    { topic: "sepsis", title: "Sepsis Early Recognition Collaborative", host: DEMO_ORGANISATION_NAME, sessionDates: sessions(3, 7), placesLeft: 4 },
    {
      topic: "falls",
      title: "Safer Wards Falls Collaborative",
      host: "Eastmere Regional Health Authority",
      sessionDates: sessions(2, 6, 10),
      placesLeft: 6,
    },
    {
      topic: "pressure_ulcers",
      title: "Skin Matters Pressure Injury Collaborative",
      host: "Northshire Health System",
      sessionDates: sessions(1, 5),
      placesLeft: 0,
    },
  ];
  for (const entry of entries) insertOpenCollaborative(tx, entry);
}

/** A plausible, fictional profile of our own organisation: the one the demo's proposals name. */
export function seedOrganisationProfile(tx: Tx) {
  seedProfile(tx, {
    name: DEMO_ORGANISATION_NAME,
    shortName: "Northbridge",
    address: "3 Harbour Yard\nNorthbridge NB1 4QT\nUnited Kingdom",
    brandColour: "#0b5563",
    contactName: "Priya Raman",
    contactEmail: "priya.raman@northbridge.example",
    contactPhone: "+44 1632 960 418",
    signatoryName: "Dr Ana Ruiz",
    signatoryTitle: "Chief Executive",
    legalFooter:
      "Northbridge Institute for Health Improvement is a not-for-profit company limited by guarantee. This proposal is confidential to its addressee.",
    offerValidDays: 90,
    logo: { bytes: new Uint8Array(Buffer.from(DEMO_LOGO_PNG_BASE64, "base64")), type: "image/png" },
  });
}
