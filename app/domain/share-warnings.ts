import { formatDate } from "./calendar";
import { listOf } from "./intake";
import { ofName } from "./text";
import type { FeeAgainstBudget } from "./proposal-options";
import { gapMoney } from "./pricing";
import { overrunsNamed, type StartPassed, type TimeCheck } from "./timeline-constraints";

/**
 * What to know before sharing a version (docs/domain.md §9.11), said beside the button rather than
 * discovered afterwards: nobody at the partner can sign in to read it, every fee offered is above the
 * partner's budget, its plan begins before today or runs past the partner's time (§8.6), or steps it
 * rests on need review since what they rest on changed (§2.6, §8.12). None stops the sharing.
 */
export function shareWarnings(f: {
  organisationName: string;
  readers: number;
  fees: readonly FeeAgainstBudget[];
  currency: string;
  /** The version's number and its plan's first item, when that is dated before today. */
  startPassed?: { version: number; passed: StartPassed } | null;
  /** The labels of the steps that need review ("Method", "Timeline"), in the steps' order. */
  staleSteps?: readonly string[];
  /** The version's number and its plan against the partner's time, as the version froze it (§8.6). */
  time?: { version: number; check: Pick<TimeCheck, "holds" | "overruns" | "agreed"> | null | undefined } | null;
}): string[] {
  const warnings: string[] = [];
  if (f.readers === 0)
    warnings.push(
      `Nobody at ${f.organisationName} can sign in yet: invite one of their executives first (on the engagement's overview), or share now and invite them later.`
    );
  const gaps = f.fees.map((x) => (x.comparison.verdict === "above" ? x.comparison.gap : null));
  if (gaps.length > 0 && gaps.every((g): g is number => g !== null)) {
    const least = Math.min(...gaps);
    const most = Math.max(...gaps);
    // Through an exchange rate, the gaps are in the budget's currency (docs/domain.md §8.7).
    const gap = (amount: number) => gapMoney(amount, f.fees[0]!.comparison, f.currency);
    const by = least === most ? gap(least) : `${gap(least)} to ${gap(most)}`;
    warnings.push(
      gaps.length === 1
        ? `The fee is above ${ofName(f.organisationName, "budget")} (by ${by}).`
        : `Every option is above ${ofName(f.organisationName, "budget")} (by ${by}).`
    );
  }
  if (f.startPassed)
    warnings.push(
      `Version ${f.startPassed.version}'s plan begins on ${formatDate(f.startPassed.passed.date)}, before today: ${
        f.organisationName
      } would read a plan already under way. Move its start on the Timeline page and make a new version, or agree new dates with them.`
    );
  // A version frozen after the partner agreed to its overrun says so in its risks: nothing to warn of.
  const overruns = f.time && !f.time.check?.agreed ? overrunsNamed(f.time.check, "their") : null;
  if (f.time && overruns)
    warnings.push(
      `Version ${f.time.version}'s plan runs past ${ofName(
        f.organisationName,
        "time"
      )}: ${overruns}. The proposal says so among its risks, for both parties to agree to; the Timeline page's time check says what would keep their time, and a new version can carry it.`
    );
  const stale = f.staleSteps ?? [];
  if (stale.length) {
    const one = stale.length === 1;
    const steps = `The ${listOf(stale)} ${one ? "step needs" : "steps need"}`;
    warnings.push(
      `${steps} review: what ${one ? "it rests" : "they rest"} on has changed since ${one ? "it was" : "they were"} done. Review ${
        one ? "it" : "them"
      } and make a new version before sharing, or share this version as it stands.`
    );
  }
  return warnings;
}
