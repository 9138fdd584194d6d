/** What happens to a new account after it is made: the rooms it joins and its display name (the homeserver's admin API). */

/** Throws when the homeserver did not do it (the task is then retried). */
export interface AccountOnboarding {
  /** Joins a local user to a room (id or alias); resolves with the room id. */
  joinRoom(userId: string, room: string): Promise<string>;
  setDisplayName(userId: string, displayName: string): Promise<void>;
}
