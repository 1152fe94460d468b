/* test-secret.c
 *
 * The API key in a real Secret Service (see variete-test-keyring.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>

#include "variete-secret.h"
#include "variete-test-keyring.h"
#include "variete-test-utils.h"

#define WAIT_TIMEOUT_SECONDS 20

static char *
lookup (GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  variete_secret_lookup_async (NULL, variete_test_store_result_cb, &result);
  variete_test_wait_for_result (&result, WAIT_TIMEOUT_SECONDS);

  return variete_secret_lookup_finish (result, error);
}

static void
store (const char *key)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  variete_secret_store_async (key, NULL, variete_test_store_result_cb, &result);
  variete_test_wait_for_result (&result, WAIT_TIMEOUT_SECONDS);
  variete_secret_store_finish (result, &error);
  g_assert_no_error (error);
}

static void
clear (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  variete_secret_clear_async (NULL, variete_test_store_result_cb, &result);
  variete_test_wait_for_result (&result, WAIT_TIMEOUT_SECONDS);
  g_assert_true (variete_secret_clear_finish (result, &error));
  g_assert_no_error (error);
}

static void
test_secret_store_lookup_replace_remove (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *none = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *gone = NULL;

  clear ();
  none = lookup (&error);
  g_assert_no_error (error);
  g_assert_null (none);

  store ("tengr-key-one");
  first = lookup (&error);
  g_assert_no_error (error);
  g_assert_cmpstr (first, ==, "tengr-key-one");

  /* Storing again replaces the key rather than adding a second one. */
  store ("tengr-key-two");
  second = lookup (&error);
  g_assert_no_error (error);
  g_assert_cmpstr (second, ==, "tengr-key-two");

  clear ();
  gone = lookup (&error);
  g_assert_no_error (error);
  g_assert_null (gone);

  /* Removing a key that is not there is fine. */
  clear ();
}

static void
test_secret_env_override (void)
{
  g_setenv ("VARIETE_API_KEY", "from-env", TRUE);
  g_assert_cmpstr (variete_secret_get_env_key (), ==, "from-env");
  g_setenv ("VARIETE_API_KEY", "", TRUE);
  g_assert_null (variete_secret_get_env_key ());
  g_unsetenv ("VARIETE_API_KEY");
  g_assert_null (variete_secret_get_env_key ());
}

int
main (int   argc,
      char *argv[])
{
  gboolean have_keyring;
  int ret;

  g_test_init (&argc, &argv, NULL);

  have_keyring = variete_test_keyring_start ();

  if (have_keyring)
    g_test_add_func ("/secret/store-lookup-replace-remove", test_secret_store_lookup_replace_remove);
  else
    g_test_message ("No gnome-keyring-daemon or session bus: skipping keyring tests");
  g_test_add_func ("/secret/env-override", test_secret_env_override);

  ret = g_test_run ();

  variete_test_keyring_stop ();

  return ret;
}
