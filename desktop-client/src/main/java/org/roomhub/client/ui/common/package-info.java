/** Small pieces every view shares: colours. */
package org.roomhub.client.ui.common;
