import { expect, test, signIn, watchConsole } from "./support";

/*
 * The Fit and Method pages' advice on when and how a plan fits our staff, as a manager reads it
 * (docs/domain.md §8.3, §8.6): a start from the partner's desired one on, a joining site's own teams
 * and collaborative, and choices one thing to a sentence.
 */

test("the demo campaign wanted for May 2027 is offered May 2027, not a month before it, as a plan too long for the aim from then on, its verdict says the time is not kept, and its planning choice reads a sentence at a time", async ({
  page,
}) => {
  const errors = watchConsole(page);
  await signIn(page, "manager@demo.test");
  await page.goto("/engagements/3/fit");
  await expect(page.getByText(/Each method's template timeline, starting May 2027/)).toBeVisible();
  const campaign = page.locator('[data-method-fit="campaign"]');
  await expect(campaign.locator("[data-nearest-start]")).toHaveText(
    "Nearest start with room to spare for its template timeline, at or after the desired start: May 2027, but even from then the plan takes too long to meet the aim by January 2029"
  );
  await expect(page.locator("[data-earliest-start]")).toHaveText("May 2027");
  // Our staff fit, but the plan cannot keep the partner's time: the heading, as read aloud too, says both.
  await expect(page.getByRole("heading", { level: 2, name: /^The plan: / })).toHaveAccessibleName("The plan: Campaign Fits our staff; over the partner's time");
  await expect(page.locator("[data-plan-verdict]")).toHaveText("Our staff can take it on as planned, but the plan cannot keep the partner's time.");
  await expect(page.locator('[data-time-choice="shorter_planning"]')).toHaveText(
    "Shorter planning: “Design the platform (interventions and how-to guides)” takes 4 months before “Launch event”. “Sustain and spread” takes 6 months after “Deadline event with results”. Shortening the planning before “Launch event” and the follow-on after “Deadline event with results” by 8 months in all would keep the plan within the partner's time, so long as at least 1 month of it comes off the planning: only the planning brings “Launch event”, and with it “Deadline event with results”, sooner."
  );
  // The overrun reads without brackets inside brackets, and another method is said to be within the partner's time,
  // not to "fit" beside a capacity badge that says tight.
  await expect(page.locator('[data-time-choice="accept_overrun"]')).toHaveText(
    "Accept the overrun: agree with the partner that the plan runs past their time as it stands, 8 months over their longest duration of 20 months and with “Deadline event with results” 1 month after the date the aim names."
  );
  // Its months agree with the Method page's range for a collaborative (6 to 15 months from prework to the congress): the
  // whole plan is said with that range's shortest within it. Whether our staff could take it on is a link to the
  // capacity above it on this page, not a page to find; on the Timeline page, the same link leads to the Fit page.
  const another = page.locator('[data-time-choice="another_method"]');
  const withinTime =
    "Another method: a collaborative needs at least 11 months in all, of which at least 6 run from “Prework (aims, baseline data, team)” to “Summative congress”. That is within the partner's time.";
  await expect(another).toHaveText(`${withinTime} See whether our staff can take it on, above.`);
  await another.getByRole("link", { name: "See whether our staff can take it on, above." }).click();
  await expect(page).toHaveURL(/\/engagements\/3\/fit#capacity-heading$/);
  await expect(page.locator("#capacity-heading")).toBeInViewport();
  await page.goto("/engagements/3/timeline");
  await expect(another).toHaveText(`${withinTime} See whether our staff can take it on, on the Fit page.`);
  await another.getByRole("link", { name: "See whether our staff can take it on, on the Fit page." }).click();
  await expect(page).toHaveURL(/\/engagements\/3\/fit#capacity-heading$/);
  await page.goto("/engagements/3/method");
  await expect(page.getByText(/A collaborative runs 6 to 15 months from prework to the summative congress, after months of planning\./)).toBeVisible();
  expect(errors).toEqual([]);
});

test("a site joining an open collaborative is told of its own teams and the collaborative it joins, never of fewer sites", async ({ page }) => {
  const errors = watchConsole(page);
  await signIn(page, "manager@demo.test");
  await page.goto("/engagements/6/fit");
  await expect(page.locator("#plan-heading")).toHaveText(/^The plan: joining the Sepsis Early Recognition Collaborative\s/);
  await expect(page.locator("[data-joining]")).toHaveText(
    "This site joins the Sepsis Early Recognition Collaborative, a Breakthrough Series collaborative: its size and dates are that collaborative's own, so only this site's own teams can change here."
  );
  await expect(page.locator("[data-earliest-start]")).toHaveCount(0);
  await page.goto("/engagements/6/method");
  // Joining is the offer its small request is recommended (decision 36): no note on our capacity for a
  // collaborative of its own, which is not proposed; its own part is judged on the Fit page.
  await expect(page.locator('[data-variant="join_open_collaborative"]')).toContainText(", as recommended");
  await expect(page.locator("main")).not.toContainText("Our staff capacity for a collaborative of its own");
  await expect(page.locator("main")).not.toContainText("chosen instead of the recommended");
  await expect(page.locator("main")).not.toContainText("fewer sites");
  expect(errors).toEqual([]);
});

test("a method ranked after one that scores lower says why beside its rank, in the Method page's words", async ({ page }) => {
  const errors = watchConsole(page);
  await signIn(page, "manager@demo.test");
  await page.goto("/engagements/1/method");
  const reason = (await page.locator('[data-method="tailored"] [data-ranked-by-time]').textContent())!.trim();
  // Northshire's 18 months hold a campaign's core, though not its whole plan: the ranking turns on the core, and says both.
  expect(reason).toMatch(
    /^Ranked after a campaign \(\d+\/100\), which scores lower, because a tailored initiative's core needs at least 36 months, more than the partner's time, and a campaign's core fits, though a campaign's whole plan, planning and follow-on included, needs at least 28 months\.$/
  );
  await page.goto("/engagements/1/fit");
  const tailored = page.locator('[data-method-fit="tailored"] [data-fitness]');
  await expect(tailored).toContainText("ranked 3 of 3 on the partner's situation");
  await expect(tailored.locator("[data-ranked-by-time]")).toHaveText(reason);
  // Northshire set no hard deadline: a start too late for its time is late for the aim's date, on both pages, and since a
  // tailored initiative is longer than the time to it from the desired start on, its length is said to be why.
  const late = "but the plan takes too long to meet the aim by August 2028 even from March 2027";
  await expect(page.locator('[data-method-fit="tailored"] [data-nearest-start]')).toHaveText(new RegExp(`, ${late}$`));
  await page.goto("/engagements/1/method");
  await expect(page.locator('[data-method="tailored"] [data-feasibility]')).toContainText(`${late}.`);
  await expect(page.locator("main")).not.toContainText("the partner's deadline");
  await expect(page.locator('[data-method-fit="collaborative"] [data-ranked-by-time]')).toHaveCount(0);
  expect(errors).toEqual([]);
});
