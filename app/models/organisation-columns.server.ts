import { organisations } from "../../db/schema";

/** The partner organisation as the engagement page, the proposal snapshot and the bundle describe it. */
export const organisationColumns = {
  name: organisations.name,
  kind: organisations.kind,
  country: organisations.country,
  sites: organisations.sites,
  population: organisations.population,
};
