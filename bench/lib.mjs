// Helpers the bench scripts share (run.mjs, ab.mjs).

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until a server answers (anything below 500) at `url`; fails after 100 s. */
export async function waitFor(url) {
  for (let attempt = 0; attempt < 400; attempt++) {
    if (
      await fetch(url).then(
        (r) => r.status < 500,
        () => false,
      )
    )
      return;
    await sleep(250);
  }
  throw new Error(`${url} did not answer`);
}
