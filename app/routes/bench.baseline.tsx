import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "../http/json.server";
import { useLoaderData } from "@remix-run/react";
import { requireUser } from "../auth/permissions.server";
import { PageHeader } from "../ui/Page";

// The baseline of `npm run bench` (bench/run.ts): the app's layout — root loader, session check, navigation — with
// a trivial body and no database work beyond the session lookup. The practical ceiling every page is compared with.
// Harmless in production: it shows a signed-in user nothing but their own name.

export const meta: MetaFunction = () => [{ title: "ベンチマーク基準ページ | 職員チャレンジポータル" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ name: user.name });
}

export default function BenchBaseline() {
  const { name } = useLoaderData<typeof loader>();
  return <PageHeader title="ベンチマーク基準ページ" lead={`${name} さんとしてサインインしています。`} />;
}
