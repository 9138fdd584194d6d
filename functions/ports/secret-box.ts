/** Sealing secrets at rest (crypto/ implements it). */

/** Seals small secrets (a password, a token) so that the store never holds them in clear. */
export interface SecretBox {
  seal(plaintext: string, context: string): string;
  open(sealed: string, context: string): string;
}
