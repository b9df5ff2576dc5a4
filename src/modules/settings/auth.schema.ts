import { z } from 'zod';
import { MIN_PASSWORD_LENGTH } from '../../platform/auth/passwords.js';
import { levels, modules } from '../../platform/auth/permissions.js';

export const email = z.email('must be an email address').max(254).transform((value) => value.toLowerCase());
export const password = z.string().min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`).max(200);
export const personName = z.string().trim().min(1, 'is required').max(200);

export const signupBody = z.strictObject({
  organizationName: z.string().trim().min(1, 'is required').max(200),
  name: personName,
  email,
  password,
});

export const loginBody = z.strictObject({ email: z.string().max(254).transform((value) => value.toLowerCase()), password: z.string().max(200) });
export const refreshBody = z.strictObject({
  refreshToken: z.string().min(1).max(200).optional().describe('required, unless the request is in cookie mode (X-Refresh-Cookie: 1): then the monopilot_refresh cookie is used and the body may be {}'),
});
export const changePasswordBody = z.strictObject({ currentPassword: z.string().max(200), newPassword: password });

export const userSchema = z.object({ id: z.uuid(), email: z.string(), name: z.string(), roles: z.array(z.string()) }).meta({ id: 'SessionUser' });
export const organizationSchema = z.object({ id: z.uuid(), name: z.string() }).meta({ id: 'Organization' });
export const tokenPair = z.object({
  accessToken: z.string(),
  refreshToken: z
    .string()
    .optional()
    .describe('omitted in cookie mode (request header X-Refresh-Cookie: 1), where it is set as the HttpOnly monopilot_refresh cookie instead'),
});
export const sessionSchema = tokenPair.extend({ user: userSchema, organization: organizationSchema }).meta({ id: 'Session' });

export const levelSchema = z.enum(levels);
export const permissionsSchema = z.object(Object.fromEntries(modules.map((module) => [module, levelSchema])) as Record<(typeof modules)[number], typeof levelSchema>);
export const meSchema = z.object({ user: userSchema, organization: organizationSchema, permissions: permissionsSchema });

export type SignupInput = z.infer<typeof signupBody>;
export type LoginInput = z.infer<typeof loginBody>;
export type ChangePasswordInput = z.infer<typeof changePasswordBody>;
/** A session as the service makes it, the refresh token always included (the route may move it into a cookie). */
export type Session = z.infer<typeof sessionSchema> & { refreshToken: string };
export type TokenPair = { accessToken: string; refreshToken: string };
