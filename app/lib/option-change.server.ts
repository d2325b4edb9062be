import type { OptionIntent } from "~/domain/proposal-options";
import type { Actor } from "~/domain/roles";
import { redirectWithFlash } from "~/lib/route.server";
import { currentMonth } from "~/services/clock.server";
import { addOption, applyOptionLever, clearOptionLevers, editOption, removeOption } from "~/models/proposal-options.server";

/** The option forms' change on the Proposal page (docs/domain.md §9.13): run it, then back to the options with what it did. */
export function optionChange(request: Request, actor: Actor, engagementId: number, input: OptionIntent, back: string) {
  const today = currentMonth();
  // Back to the option worked on; an option added or removed, to the panel's heading, where that is said.
  const to = `${back}#options-heading`;
  const atOption = (option: number) => `${back}#option-${option}-heading`;
  switch (input.intent) {
    case "add-option": {
      const { position } = addOption(actor, engagementId, { name: input.name, scope: input.scope, leavesOut: input.leavesOut });
      return redirectWithFlash(request, to, `Option ${String.fromCharCode(64 + position)}, ${input.name}, added. Apply levers to shape its fee.`);
    }
    case "edit-option":
      editOption(actor, engagementId, input);
      return redirectWithFlash(request, atOption(input.option), `${input.name} saved.`);
    case "remove-option": {
      const { name } = removeOption(actor, engagementId, input);
      return redirectWithFlash(request, to, `${name} removed from the proposal.`);
    }
    case "apply-option-lever": {
      const applied = applyOptionLever(actor, engagementId, input, today);
      return redirectWithFlash(request, atOption(input.option), `${applied.label} applied to ${applied.name}. ${applied.effect}`);
    }
    case "clear-option-levers": {
      const { name } = clearOptionLevers(actor, engagementId, input);
      return redirectWithFlash(request, atOption(input.option), `The levers are off ${name}: it is priced on the plan as it is.`);
    }
  }
}
