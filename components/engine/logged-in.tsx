import React from 'react';
import { Box, CurrentUserNav } from '@adminjs/design-system';
import { useTranslation } from 'adminjs';

interface LoggedInProps {
  session: { email: string; title?: string; avatarUrl?: string };
  paths: { logoutPath: string; loginPath: string };
}

/**
 * The user's menu in the top bar, as AdminJS's own, but «Выйти» is a POST from the panel's page (the server
 * refuses a logout from anywhere else, and a GET of the logout address only asks to confirm).
 */
const LoggedIn: React.FC<LoggedInProps> = ({ session, paths }) => {
  const { translateButton } = useTranslation();
  const logout = (event: React.MouseEvent) => {
    event.preventDefault();
    const form = document.createElement('form');
    form.method = 'post';
    form.action = paths.logoutPath;
    document.body.appendChild(form);
    form.submit();
  };
  return (
    <Box flexShrink={0} data-css="logged-in">
      <CurrentUserNav
        name={session.email}
        title={session.title}
        avatarUrl={session.avatarUrl}
        dropActions={[{ label: translateButton('logout'), onClick: logout, icon: 'LogOut' }]}
      />
    </Box>
  );
};

export default LoggedIn;
