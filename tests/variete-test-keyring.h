/* variete-test-keyring.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean variete_test_keyring_start (void);
void     variete_test_keyring_stop  (void);

G_END_DECLS
