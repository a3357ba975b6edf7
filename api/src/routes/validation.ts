import { zValidator } from '@hono/zod-validator';
import type { ZodType } from 'zod';
import { ApiError } from '../errors.js';

type Target = 'query' | 'param' | 'json' | 'form';

/** zod validation that fails with the one error shape: 400 VALIDATION_FAILED naming each field. */
export const validate = <T extends ZodType, K extends Target>(target: K, schema: T) =>
  zValidator(target, schema, (result) => {
    if (!result.success) {
      const issues = result.error.issues.map((i) => ({ field: i.path.join('.') || target, message: i.message }));
      throw new ApiError(400, 'VALIDATION_FAILED', issues.map((i) => `${i.field}: ${i.message}`).join('; '), issues);
    }
  });
