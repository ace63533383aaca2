/** The Defense Allies web client: account, lobby, game board, stats and operations, at `/`. */
import { render } from 'preact';
import { connection } from './lib/api.js';
import { isAdmin, session } from './lib/session.js';
import { useStore } from './lib/store.js';
import { navigate, useHash } from './lib/ui.js';
import { AccountPage, SignOutButton } from './pages/Account.js';
import { GamePage } from './pages/Game.js';
import { LobbyPage } from './pages/Lobby.js';
import { OpsPage } from './pages/Ops.js';
import { StatsPage } from './pages/Stats.js';
import './styles.css';

const CONNECTION_TEXT = { idle: '', connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…' } as const;

function App() {
  const hash = useHash();
  const current = useStore(session);
  const link = useStore(connection);
  const [, route = '', param = ''] = hash.split('/');
  const signedIn = current !== null;

  let page;
  if (!signedIn || route === 'account') page = <AccountPage />;
  else if (route === 'game' && param) page = <GamePage key={param} id={decodeURIComponent(param)} />;
  else if (route === 'stats') page = <StatsPage />;
  else if (route === 'ops') page = <OpsPage />;
  else page = <LobbyPage />;

  const navLink = (target: string, label: string) => (
    <a href={target} aria-current={hash === target || (target !== '#/' && hash.startsWith(target)) ? 'page' : undefined}>
      {label}
    </a>
  );

  return (
    <>
      <header class="top">
        <a class="brand" href="#/">
          Defense Allies
        </a>
        {signedIn ? (
          <nav aria-label="Main">
            {navLink('#/', 'Lobby')}
            {navLink('#/stats', 'Stats')}
            {isAdmin(current) ? navLink('#/ops', 'Ops') : null}
          </nav>
        ) : null}
        <span class={`connection ${link}`} role="status" aria-live="polite" data-testid="connection" data-state={link}>
          {CONNECTION_TEXT[link]}
        </span>
        {current ? (
          <span class="who">
            <span data-testid="username">{current.viewer.username}</span>
            <SignOutButton />
          </span>
        ) : null}
      </header>
      <main id="main">{page}</main>
    </>
  );
}

// Signed-out visitors land on the account page; a hash they asked for is kept for afterwards.
if (!session.get() && location.hash && location.hash !== '#/account') sessionStorage.setItem('defense-allies.after-login', location.hash);
session.subscribe((value) => {
  if (!value) navigate('#/account');
});

render(<App />, document.getElementById('app')!);
