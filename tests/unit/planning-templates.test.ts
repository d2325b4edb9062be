import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { METHODS } from "~/domain/methods";
import {
  PlanningTemplateError,
  clearPlanningTemplateCache,
  getDemandParameters,
  getStaffRoles,
  getTimelineTemplate,
  getTimelineTemplates,
  loadPlanningTemplates,
} from "~/services/planning-templates.server";

describe("the planning templates in docs-templates/", () => {
  test("all load and agree with each other", () => {
    for (const method of METHODS) expect(getTimelineTemplate(method).method).toBe(method);
    expect(getStaffRoles().roles.map((r) => r.key)).toEqual([
      "chair",
      "faculty",
      "improvement_advisor",
      "programme_director",
      "project_manager",
      "data_analyst",
      "campaign_lead",
    ]);
    const roleKeys = new Set(getStaffRoles().roles.map((r) => r.key));
    for (const method of METHODS) {
      for (const rule of getDemandParameters().methods[method].rules) expect(roleKeys.has(rule.role), rule.role).toBe(true);
    }
    expect(getDemandParameters().parameters.working_days_per_month).toMatchObject({ value: 21, assumption: true });
  });

  test("every tag a demand rule keys on is on some item of that method's timeline", () => {
    const templates = getTimelineTemplates();
    for (const method of METHODS) {
      const tags = new Set(templates[method].items.flatMap((i) => i.roleTags));
      for (const rule of getDemandParameters().methods[method].rules) {
        if (rule.during === "whole_timeline") continue;
        for (const tag of rule.during) expect(tags.has(tag), `${method}: ${tag}`).toBe(true);
      }
    }
  });

  test("are read once", () => {
    expect(getTimelineTemplates()).toBe(getTimelineTemplates());
  });
});

describe("a broken template", () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), "planning-templates-"));
    cpSync(path.join(process.cwd(), "docs-templates"), path.join(root, "docs-templates"), { recursive: true });
    clearPlanningTemplateCache();
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
    clearPlanningTemplateCache();
  });

  const edit = (relative: string, change: (json: any) => void) => {
    const file = path.join(root, relative);
    const json = JSON.parse(readFileSync(file, "utf8"));
    change(json);
    writeFileSync(file, JSON.stringify(json));
  };

  test("gives an error naming the file and the field", () => {
    edit("docs-templates/timelines/campaign.json", (t) => {
      t.items[2].duration = { weeks: 3 };
    });
    expect(() => loadPlanningTemplates(root)).toThrow(PlanningTemplateError);
    expect(() => loadPlanningTemplates(root)).toThrow(
      "Invalid planning template docs-templates/timelines/campaign.json:\n  items[2].duration: Give the duration in days or in months."
    );
  });

  test("names a dependency on an item that does not exist", () => {
    edit("docs-templates/timelines/collaborative.json", (t) => {
      t.items.find((i: any) => i.key === "ls2").dependsOn[0].key = "ap9";
    });
    expect(() => getTimelineTemplate("collaborative", root)).toThrow(/collaborative\.json:\n {2}items\[9\]\.dependsOn\[0\]\.key: Unknown item "ap9"\./);
  });

  test("says when a file is not JSON, or missing", () => {
    writeFileSync(path.join(root, "docs-templates/staff-roles.json"), "{ roles: [");
    expect(() => getStaffRoles(root)).toThrow(/docs-templates\/staff-roles\.json:\n {2}not valid JSON/);
    rmSync(path.join(root, "docs-templates/staff-roles.json"));
    expect(() => getStaffRoles(root)).toThrow("Invalid planning template docs-templates/staff-roles.json:\n  the file is missing");
  });

  test("refuses a demand rule for a role that is not in staff-roles.json", () => {
    edit("docs-templates/demand-parameters.json", (p) => {
      p.methods.tailored.rules[0].role = "astronaut";
    });
    expect(() => getDemandParameters(root)).toThrow(
      'docs-templates/demand-parameters.json:\n  methods.tailored.rules[0].role: "astronaut" is not in docs-templates/staff-roles.json'
    );
  });

  test("refuses a timeline template filed under another method", () => {
    edit("docs-templates/timelines/tailored.json", (t) => {
      t.method = "campaign";
    });
    expect(() => loadPlanningTemplates(root)).toThrow('method: the file is for "tailored" but says "campaign"');
  });

  test("refuses a default duration outside the method's range", () => {
    edit("docs-templates/timelines/collaborative.json", (t) => {
      t.durationRange.defaultMonths = 20;
    });
    expect(() => loadPlanningTemplates(root)).toThrow("durationRange.defaultMonths: defaultMonths must lie between minMonths and maxMonths.");
  });
});
