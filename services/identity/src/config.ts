import { commonServiceVariables, databaseVariables, z } from '@microseg/config';

export const identityConfigSchema = z.object({
  ...commonServiceVariables,
  ...databaseVariables,
  /**
   * Required to bootstrap groups in a cluster. Unset on the local platform, where the person at the
   * machine is the platform admin.
   */
  PLATFORM_ADMIN_SECRET: z.string().min(16, 'at least 16 characters').optional(),
});

export type IdentityConfig = z.infer<typeof identityConfigSchema>;
