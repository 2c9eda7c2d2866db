export type Role = 'filer' | 'reviewer' | 'admin';

/** The signed-in user, as every service receives it. */
export type SessionUser = {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  agencyId: string;
  agencyName: string;
};
