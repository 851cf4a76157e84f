/** Replaces the whole console: without the cookie nothing would load, and empty views would mislead. */
export function SignedOut() {
  return (
    <main className="signed-out" id="main">
      <div className="card">
        <h1>Sign in to Keel</h1>
        <p>
          You are not signed in to this Keel. Open the URL that <code>keel serve</code> printed in its terminal: it
          carries your sign-in token.
        </p>
        <p className="muted">
          The token changes each time <code>keel serve</code> starts, so an old link or bookmark stops working after a
          restart.
        </p>
        <button type="button" className="btn btn-primary" onClick={() => window.location.reload()}>
          Reload
        </button>
      </div>
    </main>
  );
}
