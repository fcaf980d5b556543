/**
 * `npm run hash-password`: reads a password (without echoing it) and prints the scrypt hash to
 * put in a user's `passwordHash` in the configuration. The password itself is never stored.
 */
import { hashPassword } from '@/lib/auth/password';

async function readPassword(prompt: string): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) {
    // Piped: the first line is the password.
    let text = '';
    for await (const chunk of input) text += chunk;
    return text.split(/\r?\n/, 1)[0] ?? '';
  }
  process.stderr.write(prompt);
  input.setRawMode(true);
  input.resume();
  input.setEncoding('utf8');
  return new Promise((resolve) => {
    let value = '';
    input.on('data', (key: string) => {
      for (const c of key) {
        if (c === '\r' || c === '\n') {
          input.setRawMode(false);
          input.pause();
          process.stderr.write('\n');
          resolve(value);
          return;
        }
        if (c === '\u0003') process.exit(130);
        if (c === '\u007f') value = value.slice(0, -1);
        else value += c;
      }
    });
  });
}

void readPassword('Password: ').then((password) => {
  if (password.length < 8) {
    console.error('use a password of at least 8 characters');
    process.exit(1);
  }
  console.log(hashPassword(password));
});
