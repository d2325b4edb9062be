import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { METHODS } from "~/domain/methods";
import { STAFF_WORK } from "~/domain/timeline-view";
import {
  TemplateError,
  clearTemplateCache,
  getDemandParameters,
  getStaffRoles,
  getTimelineTemplate,
  getTimelineTemplates,
  getTimelineVariantTemplates,
  loadTemplates,
  templates,
} from "~/services/templates.server";

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

  test("every tag a demand rule keys on is on some item of that method's timeline, or is a kind of work a manager can add to it", () => {
    const templates = getTimelineTemplates();
    for (const method of METHODS) {
      const tags = new Set([...templates[method].items.flatMap((i) => i.roleTags), ...Object.keys(STAFF_WORK)]);
      for (const rule of getDemandParameters().methods[method].rules) {
        if (rule.during === "whole_timeline") continue;
        for (const tag of rule.during) expect(tags.has(tag), `${method}: ${tag}`).toBe(true);
      }
    }
  });

  test("a variant with demand rules of its own keys them on tags of its own timeline, for roles in staff-roles.json", () => {
    const variants = getTimelineVariantTemplates();
    const roleKeys = new Set(getStaffRoles().roles.map((r) => r.key));
    const own = Object.entries(getDemandParameters().variants).filter(([, config]) => config);
    expect(own.map(([v]) => v)).toEqual(["join_open_collaborative", "short_tailored"]);
    for (const [variant, config] of own) {
      const tags = new Set([...variants[variant as keyof typeof variants].items.flatMap((i) => i.roleTags), ...Object.keys(STAFF_WORK)]);
      for (const rule of config!.rules) {
        expect(roleKeys.has(rule.role), rule.role).toBe(true);
        if (rule.during !== "whole_timeline") for (const tag of rule.during) expect(tags.has(tag), `${variant}: ${tag}`).toBe(true);
      }
    }
  });
});

describe("a broken template", () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), "planning-templates-"));
    cpSync(path.join(process.cwd(), "docs-templates"), path.join(root, "docs-templates"), { recursive: true });
    clearTemplateCache();
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
    clearTemplateCache();
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
    expect(() => loadTemplates(root)).toThrow(TemplateError);
    expect(() => loadTemplates(root)).toThrow(
      "The template docs-templates/timelines/campaign.json is not valid:\n  items[2].duration: Give the duration in days or in months."
    );
  });

  test("names a dependency on an item that does not exist", () => {
    edit("docs-templates/timelines/collaborative.json", (t) => {
      t.items.find((i: any) => i.key === "ls2").dependsOn[0].key = "ap9";
    });
    expect(() => loadTemplates(root)).toThrow(/collaborative\.json is not valid:\n {2}items\[9\]\.dependsOn\[0\]\.key: Unknown item "ap9"\./);
  });

  test("says when a file is not JSON, or missing", () => {
    writeFileSync(path.join(root, "docs-templates/staff-roles.json"), "{ roles: [");
    expect(() => loadTemplates(root)).toThrow(/docs-templates\/staff-roles\.json is not valid:\n {2}not valid JSON/);
    rmSync(path.join(root, "docs-templates/staff-roles.json"));
    expect(() => loadTemplates(root)).toThrow("The template docs-templates/staff-roles.json is not valid:\n  the file is missing");
  });

  test("refuses a demand rule for a role that is not in staff-roles.json", () => {
    edit("docs-templates/demand-parameters.json", (p) => {
      p.methods.tailored.rules[0].role = "astronaut";
    });
    expect(() => loadTemplates(root)).toThrow(
      'docs-templates/demand-parameters.json is not valid:\n  methods.tailored.rules[0].role: "astronaut" is not in docs-templates/staff-roles.json'
    );
  });

  test("refuses what is the partner's written after its placeholder, where a name ending in a quotation mark would read badly", () => {
    edit("docs-templates/proposal/collaborative.json", (w) => {
      w.governance[0] = "A steering group chaired by {partner}'s senior sponsor meets monthly.";
    });
    expect(() => loadTemplates(root)).toThrow(
      `docs-templates/proposal/collaborative.json is not valid:\n  governance[0]: write what is the partner's inside its placeholder, "{partner's senior sponsor}", not "{partner}'s senior sponsor"`
    );
  });

  test("refuses a method's own name for a role that is not in staff-roles.json", () => {
    edit("docs-templates/proposal/collaborative.json", (w) => {
      w.roleNames = { campaign_lead: "Communications lead", comms_lead: "Communications lead" };
    });
    expect(() => loadTemplates(root)).toThrow(
      'docs-templates/proposal/collaborative.json is not valid:\n  roleNames.comms_lead: "comms_lead" is not in docs-templates/staff-roles.json'
    );
  });

  test("refuses a small request's own demand rule for a role that is not in staff-roles.json", () => {
    edit("docs-templates/demand-parameters.json", (p) => {
      p.variants.short_tailored.rules[2].role = "site_visitor";
    });
    expect(() => loadTemplates(root)).toThrow(
      'docs-templates/demand-parameters.json is not valid:\n  variants.short_tailored.rules[2].role: "site_visitor" is not in docs-templates/staff-roles.json'
    );
  });

  test("refuses a short tailored engagement's readiness filed as another method's form, and a method's own readiness that names a form", () => {
    edit("docs-templates/readiness/short_tailored.json", (t) => {
      t.method = "collaborative";
    });
    expect(() => loadTemplates(root)).toThrow(
      'The template docs-templates/readiness/short_tailored.json is not valid:\n  method: the file is a form of "tailored" but says "collaborative"'
    );
    edit("docs-templates/readiness/short_tailored.json", (t) => {
      t.method = "tailored";
    });
    edit("docs-templates/readiness/tailored.json", (t) => {
      t.variant = "short_tailored";
    });
    expect(() => loadTemplates(root)).toThrow(
      `The template docs-templates/readiness/tailored.json is not valid:\n  variant: a method's own readiness names no form of it; "short_tailored" has its own file`
    );
  });

  test("reads a form of a method's own readiness only where it has a file", () => {
    expect(loadTemplates(root).readinessVariants.short_tailored?.variant).toBe("short_tailored");
    rmSync(path.join(root, "docs-templates/readiness/short_tailored.json"));
    expect(loadTemplates(root).readinessVariants).toEqual({});
  });

  test("refuses a timeline template filed under another method", () => {
    edit("docs-templates/timelines/tailored.json", (t) => {
      t.method = "campaign";
    });
    expect(() => loadTemplates(root)).toThrow('method: the file is for "tailored" but says "campaign"');
  });

  test("are read once: an edit after loading shows only when they are loaded again", () => {
    const first = templates(root);
    edit("docs-templates/staff-roles.json", (r) => {
      r.roles[0].label = "Chair of the faculty";
    });
    expect(templates(root)).toBe(first);
    expect(templates(root).staffRoles.roles[0].label).not.toBe("Chair of the faculty");
    expect(loadTemplates(root).staffRoles.roles[0].label).toBe("Chair of the faculty");
    expect(templates(root).staffRoles.roles[0].label).toBe("Chair of the faculty");
  });

  test("a bad proposal wording or approval threshold file is named with the field", () => {
    edit("docs-templates/proposal/common.json", (c) => {
      c.sections.context.title = 7;
    });
    expect(() => loadTemplates(root)).toThrow(/docs-templates\/proposal\/common\.json is not valid:\n {2}sections\.context\.title: /);
    cpSync(path.join(process.cwd(), "docs-templates/proposal/common.json"), path.join(root, "docs-templates/proposal/common.json"));
    edit("docs-templates/approval-thresholds.json", (t) => {
      t.fteMonths = -1;
    });
    expect(() => loadTemplates(root)).toThrow(/docs-templates\/approval-thresholds\.json is not valid:\n {2}fteMonths: /);
  });

  test("checks the proposal wording of each small request that has its own, the short tailored engagement's among them", () => {
    expect(Object.keys(loadTemplates(root).proposalWording.variants ?? {})).toEqual(["join_open_collaborative", "short_tailored"]);
    const file = "docs-templates/proposal/short_tailored.json";
    const restore = () => cpSync(path.join(process.cwd(), file), path.join(root, file));
    edit(file, (w) => {
      delete w.partnerRoleAnswers;
    });
    expect(() => loadTemplates(root)).toThrow(
      `The template ${file} is not valid:\n  partnerRoleAnswers: partnerRoles and partnerRoleAnswers go together: give both, or neither to ask what the method asks.`
    );
    restore();
    edit(file, (w) => {
      w.partnerRoleAnswers[0].reads = "workstreamLeads";
    });
    expect(() => loadTemplates(root)).toThrow(/short_tailored\.json is not valid:\n {2}partnerRoleAnswers\[0\]\.reads: /);
    restore();
    edit(file, (w) => {
      w.governance[0] = "The coaching reaches {siteCount} sites.";
    });
    expect(() => loadTemplates(root)).toThrow(/short_tailored\.json is not valid:\n {2}governance\[0\]: \{siteCount\} already says its noun/);
    restore();
    edit(file, (w) => {
      w.method = "collaborative";
    });
    expect(() => loadTemplates(root)).toThrow(`${file} is not valid:\n  method: the file is a form of "tailored" but says "collaborative"`);
  });

  test("refuses a default duration outside the method's range", () => {
    edit("docs-templates/timelines/collaborative.json", (t) => {
      t.durationRange.defaultMonths = 20;
    });
    expect(() => loadTemplates(root)).toThrow("durationRange.defaultMonths: defaultMonths must lie between minMonths and maxMonths.");
  });
});
