import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';
import { isoCBOR } from '@simplewebauthn/server/helpers';

const UP = 0x01;
const UV = 0x04;
const AT = 0x40;

const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest();

export interface Ceremony {
  /** The page's origin the browser signs into clientDataJSON. */
  origin: string;
  /** The RP ID whose hash the authenticator signs (the browser refuses one the page's host does not end with). */
  rpId: string;
  userVerified?: boolean;
  /** Overrides the authenticator's own count (a clone replays an older one). */
  counter?: number;
}

/**
 * A WebAuthn authenticator in software (ES256, "none" attestation): what a browser and a security
 * key produce, so the API tests can send real registration and assertion responses, and forge the
 * ones an attacker would (another origin, another RP ID, a replayed sign counter).
 */
export class SoftwareAuthenticator {
  readonly credentialId = randomBytes(16);
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;
  counter = 0;

  constructor() {
    const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    this.privateKey = pair.privateKey;
    this.publicKey = pair.publicKey;
  }

  get id(): string {
    return b64url(this.credentialId);
  }

  /** A RegistrationResponseJSON for registration options' challenge. */
  register(challenge: string, ceremony: Ceremony): Record<string, unknown> {
    const clientDataJSON = Buffer.from(JSON.stringify({ type: 'webauthn.create', challenge, origin: ceremony.origin }));
    const authData = Buffer.concat([this.authDataHead(ceremony, AT, 0), this.attestedCredentialData()]);
    const attestationObject = isoCBOR.encode(
      new Map<string, unknown>([
        ['fmt', 'none'],
        ['attStmt', new Map()],
        ['authData', new Uint8Array(authData)],
      ]) as never,
    );
    return this.credential({
      clientDataJSON: b64url(clientDataJSON),
      attestationObject: b64url(attestationObject),
      transports: ['internal'],
    });
  }

  /** An AuthenticationResponseJSON for authentication options' challenge; each one counts up. */
  authenticate(challenge: string, ceremony: Ceremony): Record<string, unknown> {
    this.counter += 1;
    const clientDataJSON = Buffer.from(JSON.stringify({ type: 'webauthn.get', challenge, origin: ceremony.origin }));
    const authenticatorData = this.authDataHead(ceremony, 0, ceremony.counter ?? this.counter);
    const signature = sign('sha256', Buffer.concat([authenticatorData, sha256(clientDataJSON)]), this.privateKey);
    return this.credential({
      clientDataJSON: b64url(clientDataJSON),
      authenticatorData: b64url(authenticatorData),
      signature: b64url(signature),
    });
  }

  /** The PublicKeyCredential as @simplewebauthn/browser serializes it. */
  private credential(response: Record<string, unknown>): Record<string, unknown> {
    return { id: this.id, rawId: this.id, type: 'public-key', response, clientExtensionResults: {} };
  }

  private authDataHead(ceremony: Ceremony, extraFlags: number, counter: number): Buffer {
    const flags = UP | (ceremony.userVerified === false ? 0 : UV) | extraFlags;
    const count = Buffer.alloc(4);
    count.writeUInt32BE(counter);
    return Buffer.concat([sha256(ceremony.rpId), Buffer.from([flags]), count]);
  }

  private attestedCredentialData(): Buffer {
    const jwk = this.publicKey.export({ format: 'jwk' });
    const cose = isoCBOR.encode(
      new Map<number, unknown>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, new Uint8Array(Buffer.from(jwk.x!, 'base64url'))],
        [-3, new Uint8Array(Buffer.from(jwk.y!, 'base64url'))],
      ]) as never,
    );
    const length = Buffer.alloc(2);
    length.writeUInt16BE(this.credentialId.length);
    return Buffer.concat([Buffer.alloc(16), length, this.credentialId, Buffer.from(cose)]);
  }
}
