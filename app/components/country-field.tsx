import { COUNTRIES } from "~/domain/countries";
import type { FormState } from "~/lib/forms";
import { SelectField } from "./field";

/**
 * A partner organisation's country, chosen from the list: its working days and public holidays shape
 * every plan (docs/domain.md §8.6). Its own module, so that the list reaches only the pages that ask for a country.
 */
export function CountryField({ state, saved }: { state: FormState; saved?: string }) {
  return (
    <SelectField
      name="orgCountry"
      label="Country"
      placeholder="Choose a country…"
      options={COUNTRIES.map((c) => ({ value: c.code, label: c.name }))}
      saved={saved}
      state={state}
    />
  );
}
