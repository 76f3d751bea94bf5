import { commonServiceVariables, databaseVariables, z } from '@microseg/config';

export const identityConfigSchema = z.object({
  ...commonServiceVariables,
  ...databaseVariables,
  PLATFORM_ADMIN_SECRET: z
    .string()
    .min(16, 'at least 16 characters')
    .optional()
    .describe(
      'required for `bootstrapGroup` when set (clusters); unset, `bootstrapGroup` is open only on a local platform (`MICROSEG_LOCAL_PLATFORM=1`) outside production, where the person at the machine is the platform admin; FORBIDDEN elsewhere',
    ),
  MICROSEG_LOCAL_PLATFORM: z
    .enum(['0', '1', 'true', 'false'])
    .default('0')
    .transform((value) => value === '1' || value === 'true')
    .describe(
      'set to 1 by the launcher of `pnpm start` (and the test platform): only there may groups be bootstrapped without `PLATFORM_ADMIN_SECRET`, and never with `NODE_ENV=production`',
    ),
});

export type IdentityConfig = z.infer<typeof identityConfigSchema>;
