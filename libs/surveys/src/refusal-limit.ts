import type { NextFunction, Request, Response } from 'express';
import { TooManyRequestsError } from '#libs/core';

/**
 * Slows down guessing of codes: per client address, at most `limit` refused requests (any 4xx) in
 * a one-minute window, then 429 until the window ends. Unlike express-rate-limit, which counts a
 * request when it starts and only takes successes back when they finish, only refusals count
 * here, so a care home full of respondents behind one address can answer at the same time.
 */
export function refusalLimit(limit: number, windowMs = 60_000) {
  const windows = new Map<string, { start: number; refused: number }>();
  return (req: Request, res: Response, next: NextFunction) => {
    const now = Date.now();
    if (windows.size > 10_000) for (const [k, w] of windows) if (now - w.start >= windowMs) windows.delete(k);
    const key = req.ip ?? '';
    let window = windows.get(key);
    if (!window || now - window.start >= windowMs) {
      window = { start: now, refused: 0 };
      windows.set(key, window);
    }
    if (window.refused >= limit)
      return next(
        new TooManyRequestsError(
          'For mange forkerte koder. Vent et minut, og prøv igen.',
          [],
          {},
          'too-many-code-attempts',
        ),
      );
    const counted = window;
    res.on('finish', () => {
      if (res.statusCode >= 400 && res.statusCode < 500) counted.refused++;
    });
    next();
  };
}
