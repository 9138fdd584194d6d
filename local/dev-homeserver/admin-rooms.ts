// Owns the rooms the stand-in knows (for onboarding) and the admin join API as Synapse 1.67 answers it (observed):
// `POST /_synapse/admin/v1/join/<room id or alias>` `{user_id}` → 200 `{room_id}`, joining again is 200 too.
import { requireAdmin } from './access.js';
import type { HomeserverCore } from './core.js';
import { ErrCode, SynapseErrorReply, USER_NOT_FOUND, badRequest, forbidden, notFound } from './errors.js';
import { type Reply, ok } from './http-kit.js';
import type { RequestContext, Route } from './router.js';
import { parseUserId } from './user-ids.js';

export const ADMIN_JOIN_PATH = '/_synapse/admin/v1/join';

export interface DevRoom {
  roomId: string;
  alias?: string;
  /** `public`: anyone may join; `invite`: the admin must be in the room to bring someone in. */
  joinRule: 'public' | 'invite';
  /** Whether the server admin is a member (as the room's creator is). */
  adminIsMember: boolean;
  members: Set<string>;
}

/** Makes a room, as the admin would (the admin is its first member unless told otherwise). */
export function createDevRoom(
  core: HomeserverCore,
  opts: { alias?: string; joinRule?: DevRoom['joinRule']; adminIsMember?: boolean },
): string {
  const rooms = roomStore(core);
  const roomId = `!room${rooms.size + 1}${Math.random().toString(36).slice(2, 8)}:${core.settings.serverName}`;
  const alias = opts.alias && (opts.alias.startsWith('#') ? opts.alias : `#${opts.alias}:${core.settings.serverName}`);
  rooms.set(roomId, { roomId, alias, joinRule: opts.joinRule ?? 'public', adminIsMember: opts.adminIsMember ?? true, members: new Set() });
  return roomId;
}

/** The rooms of every core, kept beside it so the core's shape stays the users' and nonces'. */
const roomsOf = new WeakMap<HomeserverCore, Map<string, DevRoom>>();

export function roomStore(core: HomeserverCore): Map<string, DevRoom> {
  let rooms = roomsOf.get(core);
  if (!rooms) roomsOf.set(core, (rooms = new Map()));
  return rooms;
}

export function adminRoomRoutes(core: HomeserverCore): Route[] {
  return [{ method: 'POST', path: ADMIN_JOIN_PATH, withParam: true, handle: (ctx) => join(core, ctx) }];
}

/** Synapse's order: admin, body, local user, user exists, then the room (its grammar, the alias, the room, the admin's right). */
function join(core: HomeserverCore, ctx: RequestContext): Reply {
  requireAdmin(core, ctx);
  const body = ctx.json();
  if (!('user_id' in body)) throw badRequest("Missing params: ['user_id']", ErrCode.MissingParam);
  const userId = String(body.user_id);
  const parts = parseUserId(userId);
  if (parts.server !== core.settings.serverName) throw badRequest('This endpoint can only be used with local users');
  if (!core.users.get(userId)) throw notFound(USER_NOT_FOUND);
  const room = resolveRoom(core, ctx.param);
  if (room.joinRule === 'invite' && !room.adminIsMember && !room.members.has(userId)) {
    throw forbidden(`@admin:${core.settings.serverName} not in room ${room.roomId}.`);
  }
  room.members.add(userId);
  return ok({ room_id: room.roomId });
}

function resolveRoom(core: HomeserverCore, identifier: string): DevRoom {
  const rooms = roomStore(core);
  if (/^#[^:]+:.+$/.test(identifier)) {
    const room = [...rooms.values()].find((r) => r.alias === identifier);
    if (!room) throw notFound(`Room alias ${identifier} not found`);
    return room;
  }
  if (!/^![^:]+:.+$/.test(identifier)) throw badRequest(`${identifier} was not legal room ID or room alias`);
  const room = rooms.get(identifier);
  if (!room) {
    throw new SynapseErrorReply(404, ErrCode.Unknown, "Can't join remote room because no servers that are in the room have been provided.");
  }
  return room;
}
