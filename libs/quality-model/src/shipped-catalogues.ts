import { join } from 'node:path';
import { projectRoot } from '#libs/web';

/** The catalogue files Tilsyn ships (catalogue/ at the project root), in the order they are seeded. */
export const SHIPPED_CATALOGUES = ['regional-social.yaml', 'socialtilsyn.yaml'].map((f) =>
  join(projectRoot, 'catalogue', f),
);
