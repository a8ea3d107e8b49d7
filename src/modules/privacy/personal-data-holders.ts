/**
 * The modules' personal-data parts, in the composition root's order (bottom layer first). Privacy
 * does not import the modules it exports and erases: each contributes a `personalData` part
 * through its module definition, and the composition root (`src/lantern.ts`) hands the list
 * here once at start.
 */
import type { ModuleDefinition, PersonalDataHolder } from '../../app/module-definition.ts';

let provided: readonly PersonalDataHolder[] | undefined;

/** Takes every module's personal-data part (the composition root calls this, once). */
export function providePersonalData(modules: readonly ModuleDefinition[]): void {
  provided = modules.flatMap((m) => (m.personalData ? [m.personalData] : []));
}

/** The parts, bottom layer first; fails loudly when none were provided, never erasing half. */
export function personalDataHolders(): readonly PersonalDataHolder[] {
  if (!provided)
    throw new Error(
      'privacy has no personal-data parts: the composition root (src/lantern.ts) provides them',
    );
  return provided;
}
