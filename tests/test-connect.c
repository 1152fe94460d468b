/* test-connect.c
 *
 * Connecting: onboarding without a key, each outcome of verifying a key against the fake API,
 * the key stored in and removed from a real keyring, and the offline demo.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "variete-application.h"
#include "variete-fake-server.h"
#include "variete-onboarding.h"
#include "variete-secret.h"
#include "variete-test-gtk.h"
#include "variete-test-keyring.h"
#include "variete-test-utils.h"
#include "variete-window.h"

#define WAIT_TIMEOUT_SECONDS 15

static VarieteApplication *app;
static VarieteFakeServer *server;

static VarieteWindow *
get_window (void)
{
  return VARIETE_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
}

static GtkWidget *
get_onboarding (void)
{
  return variete_test_find_descendant (GTK_WIDGET (get_window ()), VARIETE_TYPE_ONBOARDING, NULL);
}

static const char *
visible_page (void)
{
  return variete_window_get_page_name (get_window ());
}

static gboolean
page_is (gpointer name)
{
  return g_strcmp0 (visible_page (), name) == 0;
}

static gboolean
connection_is (gpointer connection)
{
  return variete_application_get_connection (app) == (VarieteConnection) GPOINTER_TO_INT (connection);
}

static GtkLabel *
onboarding_message (void)
{
  return GTK_LABEL (variete_test_find_descendant (get_onboarding (), GTK_TYPE_LABEL, "error"));
}

static gboolean
message_shown (gpointer data)
{
  GtkLabel *label = onboarding_message ();

  return gtk_widget_get_visible (GTK_WIDGET (label)) && gtk_label_get_text (label)[0] != '\0';
}

/* Types @key into the onboarding page and presses Connect. */
static void
connect_with (const char *key)
{
  GtkWidget *onboarding = get_onboarding ();
  GtkWidget *row = variete_test_find_descendant (onboarding, ADW_TYPE_PASSWORD_ENTRY_ROW, NULL);

  gtk_label_set_text (onboarding_message (), "");
  gtk_widget_set_visible (GTK_WIDGET (onboarding_message ()), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (row), key);
  g_assert_true (gtk_widget_activate_action (onboarding, "onboarding.connect", NULL));
}

static char *
keyring_key (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *key;

  variete_secret_lookup_async (NULL, variete_test_store_result_cb, &result);
  variete_test_wait_for_result (&result, WAIT_TIMEOUT_SECONDS);
  key = variete_secret_lookup_finish (result, &error);
  g_assert_no_error (error);

  return key;
}

static void
test_connect_onboarding_outcomes (void)
{
  g_autofree char *stored = NULL;
  const char *message;

  g_application_activate (G_APPLICATION (app));
  variete_test_spin_until (connection_is, GINT_TO_POINTER (VARIETE_CONNECTION_NONE),
                           WAIT_TIMEOUT_SECONDS);
  g_assert_cmpstr (visible_page (), ==, "onboarding");
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (get_window ()), "leave-demo"));

  /* 401: not a key the server knows. */
  connect_with ("not-a-key");
  variete_test_spin_until (message_shown, NULL, WAIT_TIMEOUT_SECONDS);
  message = gtk_label_get_text (onboarding_message ());
  g_assert_nonnull (strstr (message, "not valid"));
  g_assert_cmpint (variete_application_get_connection (app), ==, VARIETE_CONNECTION_NONE);

  /* 403: a key without the generator scope or the artworks domain. */
  connect_with (VARIETE_FAKE_SERVER_KEY_NO_SCOPE);
  variete_test_spin_until (message_shown, NULL, WAIT_TIMEOUT_SECONDS);
  message = gtk_label_get_text (onboarding_message ());
  g_assert_nonnull (strstr (message, "generator scope"));
  g_assert_cmpint (variete_application_get_connection (app), ==, VARIETE_CONNECTION_NONE);

  /* Nothing listening: a network error, said as such. */
  g_setenv ("VARIETE_API_URL", "http://127.0.0.1:9", TRUE);
  connect_with (VARIETE_FAKE_SERVER_KEY);
  variete_test_spin_until (message_shown, NULL, WAIT_TIMEOUT_SECONDS);
  g_assert_cmpint (variete_application_get_connection (app), ==, VARIETE_CONNECTION_NONE);
  g_setenv ("VARIETE_API_URL", variete_fake_server_get_base_url (server), TRUE);

  /* 200: connected, and the key is in the keyring. */
  connect_with (VARIETE_FAKE_SERVER_KEY);
  variete_test_spin_until (connection_is, GINT_TO_POINTER (VARIETE_CONNECTION_KEY),
                           WAIT_TIMEOUT_SECONDS);
  variete_test_spin_until (page_is, (gpointer) "main", WAIT_TIMEOUT_SECONDS);
  stored = keyring_key ();
  g_assert_cmpstr (stored, ==, VARIETE_FAKE_SERVER_KEY);

  /* Each verification was one GET /v2/artworks?limit=1 to the fake server. */
  g_assert_cmpuint (variete_fake_server_get_n_requests (server, "GET", "/v2/artworks"), ==, 3);
}

static void
test_connect_demo (void)
{
  VarieteWindow *window = get_window ();
  g_autoptr(VarieteClient) client = NULL;
  GtkRevealer *banner;

  variete_application_set_api_key (app, NULL);
  variete_test_spin_until (page_is, (gpointer) "onboarding", WAIT_TIMEOUT_SECONDS);

  gtk_widget_activate_action (get_onboarding (), "onboarding.demo", NULL);
  variete_test_spin_until (connection_is, GINT_TO_POINTER (VARIETE_CONNECTION_DEMO),
                           WAIT_TIMEOUT_SECONDS);
  variete_test_spin_until (page_is, (gpointer) "main", WAIT_TIMEOUT_SECONDS);

  banner = GTK_REVEALER (variete_test_find_descendant (GTK_WIDGET (window), GTK_TYPE_REVEALER,
                                                       NULL));
  g_assert_true (gtk_revealer_get_reveal_child (banner));

  /* The demo talks to a server inside the app, on loopback. */
  client = variete_application_create_client (app);
  g_assert_true (g_str_has_prefix (variete_client_get_base_url (client), "http://127.0.0.1:"));
  g_assert_cmpstr (variete_client_get_base_url (client), !=, variete_fake_server_get_base_url (server));

  g_action_group_activate_action (G_ACTION_GROUP (window), "leave-demo", NULL);
  variete_test_spin_until (page_is, (gpointer) "onboarding", WAIT_TIMEOUT_SECONDS);
  g_assert_false (gtk_revealer_get_reveal_child (banner));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  gboolean have_keyring;
  int ret;

  g_unsetenv ("VARIETE_API_KEY");

  /* Before GTK, so that nothing on the bus starts a keyring daemon of its own first. */
  have_keyring = variete_test_keyring_start ();

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  server = variete_test_fake_server_new ();
  g_setenv ("VARIETE_API_URL", variete_fake_server_get_base_url (server), TRUE);

  app = variete_application_new ();
  variete_test_app_start (G_APPLICATION (app));

  if (have_keyring)
    {
      g_test_add_func ("/connect/onboarding-outcomes", test_connect_onboarding_outcomes);
      g_test_add_func ("/connect/demo", test_connect_demo);
    }
  else
    g_test_message ("No gnome-keyring-daemon or session bus: skipping");

  ret = g_test_run ();

  variete_test_app_stop (G_APPLICATION (app));
  g_object_unref (app);
  g_assert_finalize_object (server);
  variete_test_keyring_stop ();

  return ret;
}
