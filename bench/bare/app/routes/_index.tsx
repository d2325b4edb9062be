import { useLoaderData } from "@remix-run/react";

export async function loader() {
  return { message: "Hello" };
}

export default function Index() {
  const { message } = useLoaderData<typeof loader>();
  return <p>{message}</p>;
}
