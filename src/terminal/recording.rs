//! What a terminal command records ([`factbot::store`]): its questions and
//! the suggestions picked, and in the chat `/wrong` and `/good` on the last
//! answer. Whatever is queued is stored when the command ends, however it
//! ends.

use std::time::Duration;

use factbot::messages::Msg;
use factbot::store::{Conversation, Front, RecordId, Recorder, Verdict};
use factbot::{Lang, Reply};

use crate::config::Config;

/// How long storing the queued records may take when the command ends.
const CLOSE_GRACE: Duration = Duration::from_secs(10);

/// One command's recording: its front end, its conversation, and the last
/// answer recorded.
pub struct Recording {
    recorder: Recorder,
    front: Front,
    conversation: Option<Conversation>,
    /// The last reply, if facts answered it: what `/wrong` and `/good` mark.
    last: Option<RecordId>,
}

impl Recording {
    /// Starts recording for `front`; `conversation` groups the questions
    /// of one chat session.
    pub fn start(config: &Config, front: Front, conversation: Option<Conversation>) -> Recording {
        Recording {
            recorder: Recorder::start(&config.store),
            front,
            conversation,
            last: None,
        }
    }

    /// Records a question and its reply, after the reply is shown.
    pub fn question(&mut self, question: &str, reply: &Reply<'_>) {
        let id = self
            .recorder
            .question(self.front, self.conversation, question, reply);
        self.last = id.filter(|_| reply.answered());
    }

    /// Records a fact picked from the list on screen; it answers, so it is
    /// the answer `/wrong` and `/good` mark next.
    pub fn pick(&mut self, fact_id: &str, lang: Lang) {
        self.last = self
            .recorder
            .pick(self.front, self.conversation, fact_id, lang);
    }

    /// `/wrong` and `/good`: marks the last answer, and what to say.
    pub fn mark(&self, verdict: Verdict) -> Msg {
        match (self.recorder.is_on(), self.last, verdict) {
            (false, _, _) => Msg::NotRecording,
            (true, None, _) => Msg::NothingToMark,
            (true, Some(id), Verdict::Wrong) => {
                self.recorder.feedback(id, verdict);
                Msg::MarkedWrong
            }
            (true, Some(id), Verdict::Good) => {
                self.recorder.feedback(id, verdict);
                Msg::MarkedGood
            }
        }
    }
}

impl Drop for Recording {
    fn drop(&mut self) {
        self.recorder.close(CLOSE_GRACE);
    }
}
