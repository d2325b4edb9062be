import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";

/*
 * A table of about `kib` KiB of HTML rendered through React from its loader's data, the baseline for a
 * page that must send much more HTML than the bare page: the same work per byte with no app code.
 */
const ROW_BYTES = 160; // markup plus the row's share of the serialised loader data, roughly

export async function loader({ params }: LoaderFunctionArgs) {
  const kib = Math.max(1, Math.min(4096, Number(params.kib) || 1));
  const rows = Array.from({ length: Math.ceil((kib * 1024) / ROW_BYTES) }, (_, i) => ({
    id: i,
    name: `Row ${i}`,
    detail: `Engagement ${i % 97} in month ${(i % 12) + 1}`,
    value: Math.round(((i * 7919) % 1000) / 10) / 10,
  }));
  return { kib, rows };
}

export default function Html() {
  const { kib, rows } = useLoaderData<typeof loader>();
  return (
    <table>
      <caption>{kib} KiB</caption>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id}>
            <th scope="row">{r.name}</th>
            <td>{r.detail}</td>
            <td>{r.value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
